import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification channels (企业微信, 钉钉, 飞书, e-mail, SMS) and their delivery queue: one delivery per channel,
 * alert event and recipient, queued with the alert change and retried with backoff (docs/notifications.md).
 */
export class NotificationChannels1765699200000 implements MigrationInterface {
  name = 'NotificationChannels1765699200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_channels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" character varying(16) NOT NULL, "config" jsonb NOT NULL, "severities" jsonb NOT NULL, "event_types" jsonb NOT NULL, "enterprise_id" uuid, "recipients" jsonb NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bc0cb5b60e8659f5fc859b2af0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" BIGSERIAL NOT NULL, "channel_id" uuid NOT NULL, "alert_id" uuid, "event_seq" bigint, "event_type" character varying(16) NOT NULL, "recipient_name" text NOT NULL DEFAULT '', "recipient_address" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status" integer, "last_answer" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_deliveries_one_per_recipient" ON "notification_deliveries" ("channel_id", "event_seq", "recipient_address") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_due" ON "notification_deliveries" ("next_attempt_at") WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_channel" ON "notification_deliveries" ("channel_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_alert" ON "notification_deliveries" ("alert_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_channels" ADD CONSTRAINT "FK_16b815503e1deb8fd452d493f5f" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" ADD CONSTRAINT "FK_cb8fc3f1c2debe694670bc9d655" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_deliveries" DROP CONSTRAINT "FK_cb8fc3f1c2debe694670bc9d655"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_channels" DROP CONSTRAINT "FK_16b815503e1deb8fd452d493f5f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_alert"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_channel"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."notification_deliveries_one_per_recipient"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
  }
}
