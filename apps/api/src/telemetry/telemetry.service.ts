import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  DEVICE_KINDS,
  isDeviceKind,
  metricSpec,
  type SeriesResolution,
  type TelemetrySeries,
} from '@park/contracts';
import { DeviceAdmin, notFound } from '@park/records';
import { TELEMETRY_STORE, type DeviceMetricRange, type TelemetryQueries } from '@park/telemetry-store';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { assertInScope } from '../records-common/actor';
import {
  aggregateOf,
  DEFAULT_POINTS,
  intervalFor,
  MAX_RANGE_MS,
  meanBuckets,
  sourceFor,
  toPoints,
  type SeriesPointOut,
} from './series-plan';
import { TelemetryQueryError } from './telemetry.errors';

export interface SeriesRequest {
  readonly deviceId: string;
  readonly metric: string;
  readonly from: number;
  readonly to: number;
  readonly points?: number;
  /** Absent: the API sizes the buckets to the window (raw, then means, then the hourly means). */
  readonly resolution?: SeriesResolution;
}

/**
 * One device's metric over a window, for a chart: the raw readings when there are at most `points` of them,
 * otherwise per-bucket means (max for alarm flags). Windows older than the raw retention or longer than a month
 * read the hourly means. An energy manager reads only their own enterprise's devices; another enterprise's device
 * answers 404 exactly like a missing one, as the devices API does.
 */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly devices: DeviceAdmin,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async series(principal: Principal, request: SeriesRequest): Promise<TelemetrySeries> {
    const { deviceId, metric, from, to } = request;
    const maxPoints = request.points ?? DEFAULT_POINTS;
    if (from >= to) throw new TelemetryQueryError('INVALID_SERIES_QUERY', 'to', 'must be after from');
    if (to - from > MAX_RANGE_MS)
      throw new TelemetryQueryError(
        'INVALID_SERIES_QUERY',
        'to',
        `the window may span at most ${MAX_RANGE_MS / 86_400_000} days`,
      );

    const device = await this.devices.find(deviceId);
    if (!device || (principal.role === 'energy-manager' && !principal.enterpriseId))
      throw notFound('device', deviceId);
    assertInScope(principal, 'device', deviceId, device.enterpriseId);
    if (!isDeviceKind(device.kind)) throw notFound('device', deviceId);
    const spec = metricSpec(device.kind, metric);
    if (!spec)
      throw new TelemetryQueryError(
        'INVALID_SERIES_QUERY',
        'metric',
        `a ${device.kind} device measures no "${metric}" (it measures ${Object.keys(DEVICE_KINDS[device.kind].metrics).join(', ')})`,
      );

    // Both ends included: the port's ranges end before `to`, and points are stored to the millisecond.
    const window: DeviceMetricRange = { kind: device.kind, metric, deviceId, from, to: to + 1 };
    // Raw points exist as long as the store keeps them: with a shorter TELEMETRY_RETENTION_DAYS, older windows
    // read the hourly means (kept 5 years) rather than finding nothing.
    const retentionMs = this.config.TELEMETRY_RETENTION_DAYS * 86_400_000;
    const { resolution } = request;
    if (resolution === 'hour' || resolution === 'day') {
      // Exactly the hourly means, or the mean of each park day's hourly means (Asia/Shanghai days).
      const buckets = meanBuckets(resolution);
      if (Math.ceil((to - from) / buckets.intervalMs) > maxPoints)
        throw new TelemetryQueryError(
          'INVALID_SERIES_QUERY',
          'resolution',
          `${resolution}: the window holds more than ${maxPoints} buckets (points); shorten it or ask for a coarser resolution`,
        );
      const points = toPoints(
        await this.telemetry.buckets({
          ...window,
          source: 'hourly',
          aggregate: aggregateOf(spec.type),
          ...buckets,
        }),
      );
      const head = { deviceId, metric, unit: spec.unit, label: spec.label, type: spec.type, from, to };
      return { ...head, intervalMs: buckets.intervalMs, source: 'hourly', points };
    }
    if (resolution === 'raw' && from < this.clock.now() - retentionMs)
      throw new TelemetryQueryError(
        'INVALID_SERIES_QUERY',
        'resolution',
        `raw: readings are kept ${this.config.TELEMETRY_RETENTION_DAYS} days; this window starts before that`,
      );
    // `raw` reads the readings whatever the window's length (round means when there are more than `points`).
    const source = resolution === 'raw' ? 'raw' : sourceFor(from, to, this.clock.now(), retentionMs);
    let intervalMs: number | null = null;
    let points: SeriesPointOut[];
    if (source === 'raw' && (await this.telemetry.countPoints(window)) <= maxPoints) {
      points = toPoints(await this.telemetry.points(window));
    } else {
      // A window not aligned to the buckets touches one bucket more than range / interval: size for points - 1.
      // The hourly means are one point an hour: never ask for finer buckets than that.
      intervalMs = intervalFor(to - from, maxPoints - 1, source === 'raw' ? 1_000 : 3_600_000);
      points = toPoints(
        await this.telemetry.buckets({ ...window, source, aggregate: aggregateOf(spec.type), intervalMs }),
      );
    }
    return {
      deviceId,
      metric,
      unit: spec.unit,
      label: spec.label,
      type: spec.type,
      from,
      to,
      intervalMs,
      source,
      points,
    };
  }
}
