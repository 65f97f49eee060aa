import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An outbound webhook: alert events of the listed severities are POSTed to `url`, signed with HMAC-SHA256 over
 * the body with `secret` (header `X-Park-Signature: sha256=<hex>`), so a park can connect the WeCom, DingTalk or
 * SMS gateway it already runs.
 */
@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  url!: string;

  /** Shared HMAC key; never returned by the API after creation. */
  @Column({ type: 'text' })
  secret!: string;

  /** Alert severities delivered (`info`, `warning`, `critical`). */
  @Column({ type: 'jsonb' })
  severities!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
