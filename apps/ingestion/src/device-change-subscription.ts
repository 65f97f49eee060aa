import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DeviceChangeListener } from '@park/records';
import { DeviceCache } from './device-cache';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';

/** Device changed in the records (PostgreSQL NOTIFY) → drop it from the cache, so disabling takes effect at once. */
@Injectable()
export class DeviceChangeSubscription implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly listener: DeviceChangeListener;

  constructor(@Inject(INGESTION_CONFIG) config: IngestionConfig, cache: DeviceCache) {
    this.listener = new DeviceChangeListener(config.DATABASE_URL, (id) => cache.invalidate(id ?? undefined));
  }

  onApplicationBootstrap(): Promise<void> {
    return this.listener.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.listener.close();
  }
}
