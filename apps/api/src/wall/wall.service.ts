import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import type { WallSummary } from '@park/contracts';
import { WallRecordsReader } from '@park/records';
import {
  alertsBySeverity,
  devicesOnline,
  emissionCompliance,
  energyToday,
  freshnessWindowMs,
  parkMap,
  startOfShanghaiDay,
  totalLoad,
} from './wall-kpis';
import { WALL_TELEMETRY, type WallTelemetry } from './wall-telemetry';

/** GET /api/wall/summary: everything the wall display shows besides the plan targets and the alert ticker. */
@Injectable()
export class WallService {
  constructor(
    private readonly records: WallRecordsReader,
    @Inject(WALL_TELEMETRY) private readonly telemetry: WallTelemetry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(): Promise<WallSummary> {
    const now = this.clock.now();
    const dayStart = startOfShanghaiDay(now);
    const [devices, alerts, parcels] = await Promise.all([
      this.records.enabledDevices(),
      this.records.unresolvedAlerts(),
      this.records.mappedParcels(),
    ]);
    const since = now - freshnessWindowMs(devices);
    const [lastSeen, lastKw, kwhSpread] = await Promise.all([
      this.telemetry.lastSeen(since),
      this.telemetry.lastKw(since),
      this.telemetry.kwhSpread(dayStart, now),
    ]);
    return {
      generatedAt: now,
      dayStart,
      load: totalLoad(devices, lastKw, now),
      energyToday: energyToday(devices, kwhSpread),
      devices: devicesOnline(devices, lastSeen, now),
      emission: emissionCompliance(devices, alerts, lastSeen, now),
      openAlerts: alertsBySeverity(alerts),
      map: parkMap(parcels, devices, alerts, lastSeen, now),
    };
  }
}
