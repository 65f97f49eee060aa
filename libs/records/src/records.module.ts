import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { RECORDS, RecordsCloser, recordsProvider } from './records.providers';

/**
 * The records as RECORDS for every module of the app (global): one DataSource, closed once at shutdown, after the
 * consumers stopped (RecordsCloser). Imported once, by the module an app's main.ts starts.
 */
@Module({})
export class RecordsModule {
  /** Opens the records of `url` at start-up. */
  static forRoot(url: string): DynamicModule {
    return {
      module: RecordsModule,
      global: true,
      providers: [recordsProvider(url), RecordsCloser],
      exports: [RECORDS],
    };
  }

  /**
   * Records the caller opened already (the standalone mode migrates and seeds them before any service reads them);
   * from here on the app owns them and closes them at shutdown.
   */
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: RecordsModule,
      global: true,
      providers: [{ provide: RECORDS, useValue: dataSource }, RecordsCloser],
      exports: [RECORDS],
    };
  }
}
