import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openRecords } from './data-source';

/** Nest wiring of the records adapter, shared by every app: one DataSource, repositories built on it. */
export const RECORDS = Symbol('RecordsDataSource');

/** Opens the records of `url` when the app starts (RecordsModule provides them to every module of it). */
export function recordsProvider(url: string): Provider {
  return { provide: RECORDS, useFactory: () => openRecords(url) };
}

/** Provides a repository class whose constructor takes the records DataSource. */
export function repositoryProvider<T>(cls: new (dataSource: DataSource) => T): Provider {
  return { provide: cls, inject: [RECORDS], useFactory: (dataSource: DataSource) => new cls(dataSource) };
}

/** Closes the DataSource last: consumers stop in beforeApplicationShutdown, before this runs. */
@Injectable()
export class RecordsCloser implements OnApplicationShutdown {
  constructor(@Inject(RECORDS) private readonly records: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    await this.records.destroy();
  }
}
