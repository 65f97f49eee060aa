import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A rule as configured; the pure evaluation lives in @park/rules-engine. */
@Entity({ name: 'rules' })
export class RuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Stable key of a built-in rule (e.g. `gas.lel.two-level`); null for rules users create. */
  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  code!: string | null;

  @Column({ name: 'name_zh', type: 'text' })
  nameZh!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  /** Rule kind, e.g. `threshold`. */
  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'device_kind', type: 'varchar', length: 32 })
  deviceKind!: string;

  @Column({ type: 'varchar', length: 32 })
  metric!: string;

  /** Kind-specific parameters, validated by the rules engine when loaded. */
  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ name: 'auto_resolve', type: 'boolean', default: true })
  autoResolve!: boolean;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  /** Where the rule's thresholds come from, cited in docs/rules.md. */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
