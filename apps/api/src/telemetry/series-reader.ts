import type { InfluxV1Store } from '@park/telemetry-store';

/** The one read the series API needs: an InfluxQL SELECT, its rows as `[epoch ms, value]`. */
export interface SeriesReader {
  rows(statement: string): Promise<unknown[][]>;
}

export const SERIES_READER = Symbol('SeriesReader');

/** Adapter over InfluxDB's v1 `/query`. */
export class InfluxSeriesReader implements SeriesReader {
  constructor(private readonly influx: InfluxV1Store) {}

  async rows(statement: string): Promise<unknown[][]> {
    return (await this.influx.select(statement)).flatMap((series) => series.values);
  }
}
