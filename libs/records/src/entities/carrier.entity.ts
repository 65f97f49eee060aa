import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * 产业载体: an industrial carrier (an industrial park-within-the-park, a standard-factory estate). Natural key:
 * its code. Leased area is not stored: it is the sum of its active tenancies, so occupancy cannot drift.
 */
@Entity({ name: 'carriers' })
export class CarrierEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 可租赁产业空间 (floor area available to tenants), m². */
  @Column({ name: 'floor_area_m2', type: 'double precision' })
  floorAreaM2!: number;

  /** 运营主体. */
  @Column({ type: 'text', nullable: true })
  operator!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
