import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { isDataQuality, type TelemetryRecord } from '@park/contracts';
import {
  bucketsStatement,
  countStatement,
  HOURLY_RP,
  hourlyCountsStatement,
  hourlyIncreaseStatement,
  hourlyRollupSelect,
  lastSeenStatement,
  lastValueStatement,
  pointsStatement,
  QUALITY_TAG,
  RAW_RP,
  spreadStatement,
} from './influx-queries';
import { measurementFor, quoteIdentifier, quoteLiteral, toLines } from './line-protocol';
import type {
  BucketQuery,
  DeviceMetricRange,
  KindMetricRange,
  TelemetryQueries,
  TimeRange,
} from './telemetry-queries';
import {
  StoreUnavailableError,
  type MetricQuery,
  type SeriesPoint,
  type StoreRejection,
  type TelemetryStore,
  type WriteOutcome,
} from './telemetry-store';

const gzipAsync = promisify(gzip);

export interface InfluxV1Options {
  readonly url: string;
  readonly database: string;
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs?: number;
  /** Raw retention (DESIGN.md: 90 days). */
  readonly rawRetention?: string;
  /** Hourly-mean retention (DESIGN.md: 5 years). */
  readonly hourlyRetention?: string;
}

interface InfluxResponse {
  results?: {
    statement_id: number;
    error?: string;
    series?: InfluxSeries[];
  }[];
  error?: string;
}

/** One series of a query result; `tags` holds the GROUP BY tag values. */
export interface InfluxSeries {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: string[];
  readonly values: unknown[][];
}

/**
 * InfluxDB adapter speaking the v1 HTTP API (`/write` line protocol, `/query` InfluxQL), which InfluxDB 1.x
 * serves natively and 2.x/3.x serve as their v1-compatibility API.
 */
export class InfluxV1Store implements TelemetryStore, TelemetryQueries {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: InfluxV1Options) {
    this.base = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private authParams(params: URLSearchParams): URLSearchParams {
    if (this.options.username) {
      params.set('u', this.options.username);
      params.set('p', this.options.password ?? '');
    }
    return params;
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(`${this.base}/ping`, { signal: AbortSignal.timeout(2_000) });
      return res.status === 204 || res.ok;
    } catch {
      return false;
    }
  }

  async ensureSchema(): Promise<void> {
    const db = quoteIdentifier(this.options.database);
    const raw = this.options.rawRetention ?? '90d';
    const hourly = this.options.hourlyRetention ?? '260w';
    await this.command(
      `CREATE DATABASE ${db} WITH DURATION ${raw} REPLICATION 1 NAME ${quoteIdentifier(RAW_RP)}`,
    );
    await this.command(
      `CREATE RETENTION POLICY ${quoteIdentifier(HOURLY_RP)} ON ${db} DURATION ${hourly} REPLICATION 1`,
    );
    // Emission compliance is judged on hourly means: keep min/mean/max/count per hour for five years. Dropped and
    // created again, so a database made when the query kept no count gets the current one (InfluxDB 1.x refuses a
    // CREATE for an existing name with another query); the hours rolled up before keep what they had.
    await this.command(`DROP CONTINUOUS QUERY ${quoteIdentifier('cq_hourly')} ON ${db}`);
    await this.command(
      `CREATE CONTINUOUS QUERY ${quoteIdentifier('cq_hourly')} ON ${db} BEGIN ` +
        `${hourlyRollupSelect(this.options.database)} END`,
    );
  }

  /**
   * Runs the hourly continuous query's statement now for [from, to) (InfluxDB's documented way to backfill a CQ).
   * The CQ itself runs on InfluxDB's schedule, once an hour for the hour just ended.
   */
  async rollUp(range: TimeRange): Promise<void> {
    await this.command(hourlyRollupSelect(this.options.database, range));
  }

  /** Nothing to release: every call is its own HTTP request. */
  async close(): Promise<void> {}

  async dropDatabase(): Promise<void> {
    await this.command(`DROP DATABASE ${quoteIdentifier(this.options.database)}`);
  }

  async write(records: readonly TelemetryRecord[]): Promise<WriteOutcome> {
    if (records.length === 0) return { written: 0, rejected: [] };
    const lines: string[] = [];
    const kept: TelemetryRecord[] = [];
    const rejected: StoreRejection[] = [];
    for (const record of records) {
      try {
        lines.push(...toLines(record));
        kept.push(record);
      } catch (error) {
        rejected.push({ record, detail: (error as Error).message });
      }
    }
    if (lines.length === 0) return { written: 0, rejected };
    const status = await this.postLines(lines);
    if (status.ok) return { written: kept.length, rejected };
    // A 400 names a bad point; InfluxDB 1.x still writes the good ones in that batch ("partial write").
    // Find the bad ones by writing halves, so one bad point never blocks its batch.
    if (kept.length === 1)
      return { written: 0, rejected: [...rejected, { record: kept[0], detail: status.error }] };
    const mid = Math.ceil(kept.length / 2);
    const left = await this.write(kept.slice(0, mid));
    const right = await this.write(kept.slice(mid));
    return {
      written: left.written + right.written,
      rejected: [...rejected, ...left.rejected, ...right.rejected],
    };
  }

  private async postLines(lines: readonly string[]): Promise<{ ok: true } | { ok: false; error: string }> {
    const params = this.authParams(
      new URLSearchParams({ db: this.options.database, rp: RAW_RP, precision: 'ms' }),
    );
    const body = await gzipAsync(Buffer.from(lines.join('\n'), 'utf8'));
    let res: Response;
    try {
      res = await fetch(`${this.base}/write?${params.toString()}`, {
        method: 'POST',
        headers: { 'Content-Encoding': 'gzip', 'Content-Type': 'text/plain; charset=utf-8' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new StoreUnavailableError(`InfluxDB write failed: ${(error as Error).message}`);
    }
    if (res.status === 204 || res.ok) return { ok: true };
    const text = (await res.text()).slice(0, 500);
    if (res.status === 400) return { ok: false, error: text };
    throw new StoreUnavailableError(`InfluxDB write answered ${res.status}: ${text}`);
  }

  async queryRaw(query: MetricQuery): Promise<SeriesPoint[]> {
    const where = [`time >= ${Math.trunc(query.from)}ms`, `time <= ${Math.trunc(query.to)}ms`];
    if (query.deviceId) where.push(`"device" = ${quoteLiteral(query.deviceId)}`);
    if (query.enterpriseId) where.push(`"enterprise" = ${quoteLiteral(query.enterpriseId)}`);
    const q =
      `SELECT ${quoteIdentifier(query.metric)} FROM ${quoteIdentifier(RAW_RP)}.${quoteIdentifier(measurementFor(query.kind))} ` +
      `WHERE ${where.join(' AND ')} ORDER BY time ASC`;
    const series = await this.select(q);
    return series.flatMap((s) =>
      s.values.map((row) => ({ ts: Number(row[0]), value: row[1] as number | boolean | null })),
    );
  }

  async countPoints(query: DeviceMetricRange): Promise<number> {
    const rows = (await this.select(countStatement(query))).flatMap((s) => s.values);
    return rows.reduce((sum, row) => sum + (typeof row[1] === 'number' ? row[1] : 0), 0);
  }

  async points(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return pointsWithQualityOf(await this.select(pointsStatement(query)));
  }

  async buckets(query: BucketQuery): Promise<SeriesPoint[]> {
    return pointsOf(await this.select(bucketsStatement(query)));
  }

  async hourlyIncrease(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return pointsOf(await this.select(hourlyIncreaseStatement(query)));
  }

  async hourlyCounts(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return pointsOf(await this.select(hourlyCountsStatement(query)));
  }

  async lastSeenPerDevice(from: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const { device, row } of rowsByDevice(await this.select(lastSeenStatement(from)))) {
      const ts = Number(row[0]);
      if (Number.isFinite(ts) && ts > (out.get(device) ?? -Infinity)) out.set(device, ts);
    }
    return out;
  }

  async lastValuePerDevice(query: {
    kind: string;
    metric: string;
    from: number;
  }): Promise<Map<string, SeriesPoint>> {
    // One series per (device, quality): the newest of a device's series is its newest value, with its flag.
    const out = new Map<string, SeriesPoint>();
    for (const s of await this.select(lastValueStatement(query))) {
      const device = s.tags?.device;
      const quality = s.tags?.[QUALITY_TAG];
      if (!device) continue;
      for (const row of s.values) {
        const value = row[1];
        const ts = Number(row[0]);
        if (typeof value !== 'number' && typeof value !== 'boolean') continue;
        if (ts <= (out.get(device)?.ts ?? -Infinity)) continue;
        out.set(device, isDataQuality(quality) ? { ts, value, quality } : { ts, value });
      }
    }
    return out;
  }

  async spreadPerDevice(query: KindMetricRange): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const { device, row } of rowsByDevice(await this.select(spreadStatement(query)))) {
      if (typeof row[1] === 'number') out.set(device, row[1]);
    }
    return out;
  }

  /** Runs a read-only InfluxQL statement and returns its series (time as epoch ms). */
  async select(q: string): Promise<InfluxSeries[]> {
    const params = this.authParams(new URLSearchParams({ db: this.options.database, q, epoch: 'ms' }));
    const body = await this.request(`${this.base}/query?${params.toString()}`, 'GET');
    const result = body.results?.[0];
    // The writer creates the database when it first starts; until then nothing was stored, so a read finds nothing
    // (the api may start first: its wall and charts answer empty, not 500).
    if (result?.error?.startsWith('database not found')) return [];
    if (result?.error) throw new Error(`InfluxQL error: ${result.error}`);
    return result?.series ?? [];
  }

  private async command(q: string): Promise<void> {
    const params = this.authParams(new URLSearchParams({ q }));
    const body = await this.request(`${this.base}/query`, 'POST', params);
    const error = body.results?.find((r) => r.error)?.error;
    if (error) throw new Error(`InfluxQL error for "${q.slice(0, 80)}": ${error}`);
  }

  private async request(
    url: string,
    method: 'GET' | 'POST',
    form?: URLSearchParams,
  ): Promise<InfluxResponse> {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        body: form,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new StoreUnavailableError(`InfluxDB request failed: ${(error as Error).message}`);
    }
    const text = await res.text();
    if (res.status >= 500)
      throw new StoreUnavailableError(`InfluxDB answered ${res.status}: ${text.slice(0, 300)}`);
    let body: InfluxResponse;
    try {
      body = JSON.parse(text) as InfluxResponse;
    } catch {
      throw new Error(`InfluxDB answered ${res.status} with non-JSON: ${text.slice(0, 300)}`);
    }
    if (body.error) throw new Error(`InfluxDB error: ${body.error}`);
    return body;
  }
}

/** Rows `[epoch ms, value]` of every series as points, rows without a value left out. */
function pointsOf(series: readonly InfluxSeries[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const s of series)
    for (const row of s.values) {
      const value = row[1];
      if (typeof value === 'number' || typeof value === 'boolean') out.push({ ts: Number(row[0]), value });
    }
  return out;
}

/** Rows `[epoch ms, value, quality]` of the points statement; a quality only where the point carries the tag. */
function pointsWithQualityOf(series: readonly InfluxSeries[]): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const s of series)
    for (const row of s.values) {
      const value = row[1];
      if (typeof value !== 'number' && typeof value !== 'boolean') continue;
      const quality = row[2];
      out.push(
        isDataQuality(quality) ? { ts: Number(row[0]), value, quality } : { ts: Number(row[0]), value },
      );
    }
  return out;
}

function rowsByDevice(series: readonly InfluxSeries[]): { device: string; row: unknown[] }[] {
  return series.flatMap((s) => {
    const device = s.tags?.device;
    return device ? s.values.map((row) => ({ device, row })) : [];
  });
}
