import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  DEVICE_KINDS,
  DEVICE_STATE_LOOKBACK_DAYS,
  isDeviceKind,
  type DeviceState,
  type DeviceStateView,
} from '@park/contracts';
import { DeviceAdmin, notFound, type DeviceEntity } from '@park/records';
import { TELEMETRY_STORE, type SeriesPoint, type TelemetryQueries } from '@park/telemetry-store';
import { assertInScope } from '../records-common/actor';
import { deviceStateOf, type LatestByMetric } from './device-states';

export interface DeviceStateFilter {
  readonly enterpriseId?: string;
  readonly kind?: string;
  readonly state?: DeviceState;
}

const LOOKBACK_MS = DEVICE_STATE_LOOKBACK_DAYS * 86_400_000;

/**
 * The devices page's read: each device's state, last reading and newest values. An energy manager sees only their
 * own enterprise's devices; another enterprise's device answers 404 exactly like a missing one.
 */
@Injectable()
export class DeviceStatesService {
  constructor(
    private readonly devices: DeviceAdmin,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, filter: DeviceStateFilter): Promise<DeviceStateView[]> {
    if (principal.role === 'energy-manager' && !principal.enterpriseId) return [];
    const scope = enterpriseScope(principal);
    const devices = (await this.devices.all())
      .filter((d) => scope === null || d.enterpriseId === scope)
      .filter((d) => !filter.enterpriseId || d.enterpriseId === filter.enterpriseId)
      .filter((d) => !filter.kind || d.kind === filter.kind)
      .sort((a, b) => a.id.localeCompare(b.id));
    const states = await this.statesOf(devices);
    return filter.state ? states.filter((s) => s.state === filter.state) : states;
  }

  async get(principal: Principal, id: string): Promise<DeviceStateView> {
    const device = await this.devices.find(id);
    if (!device || (principal.role === 'energy-manager' && !principal.enterpriseId))
      throw notFound('device', id);
    assertInScope(principal, 'device', id, device.enterpriseId);
    const [state] = await this.statesOf([device]);
    return state;
  }

  /** Two kinds of read, whatever the number of devices: last seen (one query), newest value per kind and metric. */
  private async statesOf(devices: readonly DeviceEntity[]): Promise<DeviceStateView[]> {
    if (devices.length === 0) return [];
    const now = this.clock.now();
    const from = now - LOOKBACK_MS;
    const kinds = [...new Set(devices.map((d) => d.kind))].filter(isDeviceKind);
    const latest = new Map<string, Map<string, ReadonlyMap<string, SeriesPoint>>>();
    const [lastSeen] = await Promise.all([
      this.telemetry.lastSeenPerDevice(from),
      ...kinds.flatMap((kind) =>
        Object.keys(DEVICE_KINDS[kind].metrics).map(async (metric) => {
          const byDevice = await this.telemetry.lastValuePerDevice({ kind, metric, from });
          const ofKind = latest.get(kind) ?? new Map<string, ReadonlyMap<string, SeriesPoint>>();
          latest.set(kind, ofKind.set(metric, byDevice));
        }),
      ),
    ]);
    const none: LatestByMetric = new Map();
    return devices.map((d) => deviceStateOf(d, lastSeen.get(d.id), latest.get(d.kind) ?? none, now));
  }
}
