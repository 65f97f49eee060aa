import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules, correlation and the alert lifecycle: alerts get a subject (device | line) so 分表计电 alerts can be about a
 * production line, assignment and escalation-by-time columns; the engine's state per (rule, subject); outbound
 * webhooks and their delivery queue.
 */
export class AlertLifecycle1765008000000 implements MigrationInterface {
  name = 'AlertLifecycle1765008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."alerts_rule_device_reading"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_one_unresolved_per_rule_device"`);
    await queryRunner.query(
      `CREATE TABLE "rule_states" ("rule_id" uuid NOT NULL, "subject_key" character varying(160) NOT NULL, "state" jsonb NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b7f14d995ef6e241f802da3a843" PRIMARY KEY ("rule_id", "subject_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "url" text NOT NULL, "secret" text NOT NULL, "severities" jsonb NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" BIGSERIAL NOT NULL, "webhook_id" uuid NOT NULL, "event_seq" bigint NOT NULL, "payload" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, "gave_up_at" TIMESTAMP WITH TIME ZONE, "last_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE delivered_at IS NULL AND gave_up_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_one_per_event" ON "webhook_deliveries" ("webhook_id", "event_seq") `,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD "subject_type" character varying(8) NOT NULL DEFAULT 'device'`,
    );
    // Existing alerts are all device alerts: their subject is their device.
    await queryRunner.query(`ALTER TABLE "alerts" ADD "subject_id" character varying(64)`);
    await queryRunner.query(`UPDATE "alerts" SET "subject_id" = "device_id"`);
    await queryRunner.query(`ALTER TABLE "alerts" ALTER COLUMN "subject_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "assigned_to" text`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "assigned_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "escalated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "last_reminded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "last_repeat_event_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "alerts" ALTER COLUMN "device_id" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "alerts_unacknowledged" ON "alerts" ("opened_at") WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX "alerts_opened" ON "alerts" ("opened_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_unresolved_per_rule_subject" ON "alerts" ("rule_id", "subject_type", "enterprise_id", "subject_id") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `ALTER TABLE "rule_states" ADD CONSTRAINT "FK_133a008d52dce52e0a252943f8e" FOREIGN KEY ("rule_id") REFERENCES "rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`,
    );
    await queryRunner.query(`ALTER TABLE "rule_states" DROP CONSTRAINT "FK_133a008d52dce52e0a252943f8e"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_one_unresolved_per_rule_subject"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_opened"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_unacknowledged"`);
    // Line alerts have no device: they cannot survive the old schema.
    await queryRunner.query(`DELETE FROM "alerts" WHERE "device_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "alerts" ALTER COLUMN "device_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "last_repeat_event_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "last_reminded_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "escalated_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "assigned_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "assigned_to"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "subject_id"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "subject_type"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_one_per_event"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
    await queryRunner.query(`DROP TABLE "rule_states"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_unresolved_per_rule_device" ON "alerts" ("rule_id", "device_id") WHERE ((status)::text <> 'resolved'::text)`,
    );
    await queryRunner.query(
      `CREATE INDEX "alerts_rule_device_reading" ON "alerts" ("rule_id", "device_id", "last_reading_ts") `,
    );
  }
}
