import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity';

/** A person an e-mail or SMS channel writes to. */
export interface NotificationRecipient {
  readonly name: string;
  readonly address: string;
}

/**
 * A notification channel an admin configured (企业微信 or 钉钉 group robot, 飞书 bot, e-mail, Aliyun or Tencent Cloud
 * SMS): which alert events of which severities it receives, of the whole park or of one enterprise, and — for the
 * person-addressed kinds — who. Each matching alert event becomes one delivery per recipient (or one post for a
 * group robot), queued in the alert change's transaction (notification-repository.ts).
 */
@Entity({ name: 'notification_channels' })
export class NotificationChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** One of CHANNEL_KINDS (@park/notifications). */
  @Column({ type: 'varchar', length: 16 })
  kind!: string;

  /** The kind's settings, checked by its adapter's validate(); holds secrets, never returned unmasked. */
  @Column({ type: 'jsonb' })
  config!: Record<string, unknown>;

  /** Alert severities sent (`info`, `warning`, `critical`). */
  @Column({ type: 'jsonb' })
  severities!: string[];

  /** Alert event types sent (never `repeated` or `suppressed`). */
  @Column({ name: 'event_types', type: 'jsonb' })
  eventTypes!: string[];

  /** Only this enterprise's alerts; null: the whole park's. */
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  /** E-mail addresses or mobile numbers (person-addressed kinds); empty for group robots. */
  @Column({ type: 'jsonb' })
  recipients!: NotificationRecipient[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
