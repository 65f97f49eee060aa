import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A generated report (报表, docs/reports.md): what it covers — its kind, period and scope — who asked for it and
 * when, and its two files. One row per (kind, period, scope): generating it again replaces the files, and the
 * unique index is what lets several API instances run the monthly schedule while only one generates each report
 * (the first insert wins; the others see the conflict and skip).
 *
 * The files are stored in the row (bytea; a BLOB on SQLite), not in a folder: one place in both modes, in every
 * backup of the records, and readable by every API instance without a shared disk. A report is tens of kilobytes,
 * a park's month of them a few megabytes.
 */
@Entity({ name: 'reports' })
@Index('reports_one_per_period', ['kind', 'period', 'scope'], { unique: true })
@Index('reports_newest', ['generatedAt'])
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `emission`, `energy`, `alarms`, `park` (REPORT_KINDS). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** `YYYY-MM` or `YYYY-MM-DD` on the park's clock. */
  @Column({ type: 'varchar', length: 10 })
  period!: string;

  /** What it covers: a device id (emission), an enterprise id or `park` (energy, alarms), `park` (park). */
  @Column({ type: 'varchar', length: 64 })
  scope!: string;

  /** The enterprise the report belongs to (an energy manager sees only theirs); null for park reports. */
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  /** `generating`, `ready` or `failed`. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  /** Why it failed, when it did. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The user who asked for it, or `schedule`. */
  @Column({ name: 'generated_by', type: 'text' })
  generatedBy!: string;

  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ type: 'bytea', nullable: true })
  xlsx!: Buffer | null;

  @Column({ type: 'bytea', nullable: true })
  pdf!: Buffer | null;
}
