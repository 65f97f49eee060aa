import type { DataSource } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { DeviceEntity } from './entities/device.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { LandParcelEntity, type ParcelGeometry } from './entities/land-parcel.entity';

/** An enabled device, as the wall display counts it. */
export interface WallDeviceRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enterpriseId: string;
  readonly expectedIntervalS: number;
  /**
   * The metrics a discharge permit sets a limit for — the device's own permit and its enterprise's together (the two
   * layers the compliance rules resolve): what the wall's 排放达标率 can judge the device on. Absent: none.
   */
  readonly permitMetrics?: readonly string[];
}

/** An unresolved (open or acknowledged) alert. */
export interface WallAlertRecord {
  readonly deviceId: string | null;
  readonly enterpriseId: string;
  readonly metric: string;
  readonly severity: string;
}

/** A parcel that has a geometry (the only ones a map can draw). */
export interface WallParcelRecord {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly enterpriseId: string | null;
  readonly geometry: ParcelGeometry;
}

/** The records the wall display's summary is computed from: three reads, no writes. */
export class WallRecordsReader {
  constructor(private readonly dataSource: DataSource) {}

  async enabledDevices(): Promise<WallDeviceRecord[]> {
    const [rows, enterprises] = await Promise.all([
      this.dataSource.getRepository(DeviceEntity).find({ where: { enabled: true }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(EnterpriseEntity).find({ select: { id: true, permitLimits: true } }),
    ]);
    const enterprisePermit = new Map(enterprises.map((e) => [e.id, e.permitLimits]));
    return rows.map((d) => ({
      id: d.id,
      name: d.name,
      kind: d.kind,
      enterpriseId: d.enterpriseId,
      expectedIntervalS: d.expectedIntervalS,
      permitMetrics: [
        ...new Set([
          ...Object.keys(d.permitLimits ?? {}),
          ...Object.keys(enterprisePermit.get(d.enterpriseId) ?? {}),
        ]),
      ].sort(),
    }));
  }

  async unresolvedAlerts(): Promise<WallAlertRecord[]> {
    const rows = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .select(['a.deviceId', 'a.enterpriseId', 'a.metric', 'a.severity'])
      // Held back by a maintenance window (suppressed) is not an alarm on the wall: the device is being worked on.
      .where(`a.status IN ('open', 'acknowledged')`)
      .getMany();
    return rows.map((a) => ({
      deviceId: a.deviceId,
      enterpriseId: a.enterpriseId,
      metric: a.metric,
      severity: a.severity,
    }));
  }

  async mappedParcels(): Promise<WallParcelRecord[]> {
    const rows = await this.dataSource.getRepository(LandParcelEntity).find({ order: { code: 'ASC' } });
    return rows.flatMap((p) =>
      p.geometry
        ? [{ id: p.id, code: p.code, name: p.name, enterpriseId: p.enterpriseId, geometry: p.geometry }]
        : [],
    );
  }
}
