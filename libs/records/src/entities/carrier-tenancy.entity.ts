import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CarrierEntity } from './carrier.entity';
import { EnterpriseEntity } from './enterprise.entity';

import type { AdmissionOutcome } from '@park/contracts';

export { ADMISSION_OUTCOMES, type AdmissionOutcome } from '@park/contracts';

/** A tenant of a carrier: who leases how much floor area, from when to when (null: still there). */
@Entity({ name: 'carrier_tenancies' })
@Index('carrier_tenancies_carrier', ['carrierId', 'endDate'])
export class CarrierTenancyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'carrier_id', type: 'uuid' })
  carrierId!: string;

  @ManyToOne(() => CarrierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carrier_id' })
  carrier?: CarrierEntity;

  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  /** Leased floor area, m². */
  @Column({ name: 'area_m2', type: 'double precision' })
  areaM2!: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'varchar', length: 16 })
  admission!: AdmissionOutcome;

  /** Required when the industry is on the restricted list: why it was admitted anyway, and by whom. */
  @Column({ name: 'override_note', type: 'text', nullable: true })
  overrideNote!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
