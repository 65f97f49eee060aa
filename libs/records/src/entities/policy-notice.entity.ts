import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PolicyEntity } from './policy.entity';

/**
 * A policy's notice to one enterprise (惠企政策推送): who sent it, when, and how it went. One row per policy and
 * enterprise, so a second notice goes only to those not notified yet unless it is forced (then the row is
 * rewritten). The sends themselves are recorded as deliveries of event type `policy` (notification_deliveries).
 */
@Entity({ name: 'policy_notices' })
export class PolicyNoticeEntity {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' })
  policyId!: string;

  @ManyToOne(() => PolicyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id' })
  policy?: PolicyEntity;

  @PrimaryColumn({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ name: 'notified_at', type: 'timestamptz' })
  notifiedAt!: Date;

  @Column({ name: 'notified_by', type: 'text' })
  notifiedBy!: string;

  /** Sends made (channel and recipient). */
  @Column({ name: 'send_count', type: 'integer' })
  sendCount!: number;

  /** `delivered` or `failed` (the worst of its sends). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'last_answer', type: 'text', nullable: true })
  lastAnswer!: string | null;
}
