import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity';

import type { ProcessLimitSettings } from '@park/contracts';

export type { ProcessLimitSettings } from '@park/contracts';

/** A device. Its id is also its MQTT username; the enterprise is taken from here, never from a payload. */
@Entity({ name: 'devices' })
export class DeviceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'text' })
  name!: string;

  /** One of DEVICE_KINDS in @park/contracts. */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  /** For power meters: production | pollution-control | general. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  role!: string | null;

  /** Production line the device belongs to (分表计电 correlates meters by line). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  line!: string | null;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** PBKDF2 hash (Mosquitto `$7$` format) of the device's MQTT password; the password is shown once, never stored. */
  @Column({ name: 'credential_hash', type: 'text', nullable: true })
  credentialHash!: string | null;

  @Column({ name: 'expected_interval_s', type: 'integer', default: 60 })
  expectedIntervalS!: number;

  /**
   * Discharge-permit limits of an emission device (stack-gas, wastewater), metric → limit in the metric's unit
   * (e.g. `{"so2": 50, "nox": 150}` mg/m³); null for other devices.
   */
  @Column({ name: 'permit_limits', type: 'jsonb', nullable: true })
  permitLimits!: Record<string, number> | null;

  /**
   * Reference O₂ (%VOL) of the discharge permit of a stack-gas device, to which its readings are corrected
   * (GB 13271-2014 §5.2: 3.5 for gas- and oil-fired boilers, 9 for coal-fired); null for other devices.
   */
  @Column({ name: 'permit_o2_reference', type: 'double precision', nullable: true })
  permitO2Reference!: number | null;

  /**
   * Normal running load of a production or pollution-control power meter, kW: 分表计电 rules sum them per line and
   * judge "running" as a fraction of it. Null when not known (the line's rules then cannot judge).
   */
  @Column({ name: 'normal_kw', type: 'double precision', nullable: true })
  normalKw!: number | null;

  /**
   * Process safety set points of a tank or reactor instrument (temperature, pressure, liquid level), metric →
   * `{ high, highHigh, low, lowLow, hysteresis, delayMs }` in the metric's unit and ms, from the installation's design:
   * the device layer of the process-limit rules. Null when the device states none (its rule then judges nothing).
   */
  @Column({ name: 'process_limits', type: 'jsonb', nullable: true })
  processLimits!: Record<string, ProcessLimitSettings> | null;

  /** When the current MQTT credential was issued (shown once then). */
  @Column({ name: 'credential_issued_at', type: 'timestamptz', nullable: true })
  credentialIssuedAt!: Date | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
