import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who gets what, and when (docs/notifications.md): the duty roster (值班表), the escalation chain (升级链) and the
 * steps each alert fired (one row per alert and step: the guard against firing twice), the enterprises' safety
 * contacts (安全负责人), and the last daily digest each channel was sent.
 */
export class DutyRosterAndEscalation1765872000000 implements MigrationInterface {
  name = 'DutyRosterAndEscalation1765872000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "duty_shifts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "duty" character varying(16) NOT NULL, "person_name" text NOT NULL, "phone" character varying(32), "email" text, "user_id" uuid, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_abbef013ddbf7e4e4be50c72f22" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "duty_shifts_span" ON "duty_shifts" ("ends_at", "starts_at") `);
    await queryRunner.query(
      `CREATE TABLE "escalation_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "position" integer NOT NULL, "after_minutes" integer NOT NULL, "target" character varying(24) NOT NULL, "people" jsonb NOT NULL, "channel_ids" jsonb NOT NULL, "severities" jsonb NOT NULL, "rule_kinds" jsonb NOT NULL, "enterprise_ids" jsonb NOT NULL, "carrier_ids" jsonb NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2ce815102e3e9733529f7edef0e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "escalation_steps_position" ON "escalation_steps" ("position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "alert_escalations" ("alert_id" uuid NOT NULL, "position" integer NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deliveries" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_6b996a8a3c4a93bb9f9ba172bfe" PRIMARY KEY ("alert_id", "position"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_digests" ("channel_id" uuid NOT NULL, "last_day" character varying(10) NOT NULL, "last_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "alert_count" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL, "last_answer" text, CONSTRAINT "PK_8be580c95e3a6ef9baf205fcd6d" PRIMARY KEY ("channel_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "safety_contact_name" text`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "safety_contact_phone" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "safety_contact_email" text`);
    await queryRunner.query(
      `ALTER TABLE "duty_shifts" ADD CONSTRAINT "FK_d93ff4afdebb702c4738a66ac28" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_escalations" ADD CONSTRAINT "FK_bc8f0e513169e669612ed4a4540" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_digests" ADD CONSTRAINT "FK_8be580c95e3a6ef9baf205fcd6d" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_digests" DROP CONSTRAINT "FK_8be580c95e3a6ef9baf205fcd6d"`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_escalations" DROP CONSTRAINT "FK_bc8f0e513169e669612ed4a4540"`,
    );
    await queryRunner.query(`ALTER TABLE "duty_shifts" DROP CONSTRAINT "FK_d93ff4afdebb702c4738a66ac28"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_email"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_phone"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_name"`);
    await queryRunner.query(`DROP TABLE "notification_digests"`);
    await queryRunner.query(`DROP TABLE "alert_escalations"`);
    await queryRunner.query(`DROP INDEX "public"."escalation_steps_position"`);
    await queryRunner.query(`DROP TABLE "escalation_steps"`);
    await queryRunner.query(`DROP INDEX "public"."duty_shifts_span"`);
    await queryRunner.query(`DROP TABLE "duty_shifts"`);
  }
}
