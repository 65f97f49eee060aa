import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A park-wide setting as JSON under a key (e.g. the 亩均 evaluation scheme), validated by its owner on read. */
@Entity({ name: 'park_settings' })
export class ParkSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
