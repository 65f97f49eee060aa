import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { RecordEventSubject, RecordEventType } from '@park/contracts';

export {
  RECORD_EVENT_SUBJECTS,
  RECORD_EVENT_TYPES,
  type RecordEventSubject,
  type RecordEventType,
} from '@park/contracts';

/** One entry of an enterprise's or a parcel's dynamic-events timeline. Append-only. */
@Entity({ name: 'record_events' })
@Index('record_events_subject', ['subjectType', 'subjectId', 'occurredOn'])
export class RecordEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  subjectType!: RecordEventSubject;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  /** The enterprise concerned (the subject itself, or the parcel's user): what tenant scoping filters on. */
  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  type!: RecordEventType;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details!: Record<string, unknown>;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
