import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DeviceChangeListener, RECORDS } from '@park/records';
import type { DataSource } from 'typeorm';
import { DeviceCache } from './device-cache';

/** Device changed in the records (PostgreSQL NOTIFY) → drop it from the cache, so disabling takes effect at once. */
@Injectable()
export class DeviceChangeSubscription implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly listener: DeviceChangeListener;

  constructor(@Inject(RECORDS) records: DataSource, cache: DeviceCache) {
    this.listener = new DeviceChangeListener(records, (id) => cache.invalidate(id ?? undefined));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }
}
