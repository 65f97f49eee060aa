import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite counterpart of ../1765872000000-duty-roster-and-escalation.ts: the duty roster, the escalation chain and
 * the steps each alert fired, the enterprises' safety contacts, the last digest per channel.
 */
export class SqliteDutyRosterAndEscalation1765872000000 implements MigrationInterface {
  name = 'SqliteDutyRosterAndEscalation1765872000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "duty_shifts" ("id" varchar PRIMARY KEY NOT NULL, "duty" varchar(16) NOT NULL, "person_name" text NOT NULL, "phone" varchar(32), "email" text, "user_id" varchar, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "note" text, "created_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_d93ff4afdebb702c4738a66ac28" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "duty_shifts_span" ON "duty_shifts" ("ends_at", "starts_at")`);
    await queryRunner.query(
      `CREATE TABLE "escalation_steps" ("id" varchar PRIMARY KEY NOT NULL, "position" integer NOT NULL, "after_minutes" integer NOT NULL, "target" varchar(24) NOT NULL, "people" text NOT NULL, "channel_ids" text NOT NULL, "severities" text NOT NULL, "rule_kinds" text NOT NULL, "enterprise_ids" text NOT NULL, "carrier_ids" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "escalation_steps_position" ON "escalation_steps" ("position")`,
    );
    await queryRunner.query(
      `CREATE TABLE "alert_escalations" ("alert_id" varchar NOT NULL, "position" integer NOT NULL, "fired_at" datetime NOT NULL, "deliveries" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_bc8f0e513169e669612ed4a4540" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("alert_id", "position"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_digests" ("channel_id" varchar PRIMARY KEY NOT NULL, "last_day" varchar(10) NOT NULL, "last_sent_at" datetime NOT NULL, "alert_count" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "last_answer" text, CONSTRAINT "FK_8be580c95e3a6ef9baf205fcd6d" FOREIGN KEY ("channel_id") REFERENCES "notification_channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`ALTER TABLE "enterprises" ADD COLUMN "safety_contact_name" text`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD COLUMN "safety_contact_phone" varchar(32)`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD COLUMN "safety_contact_email" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_email"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_phone"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "safety_contact_name"`);
    await queryRunner.query(`DROP TABLE "notification_digests"`);
    await queryRunner.query(`DROP TABLE "alert_escalations"`);
    await queryRunner.query(`DROP INDEX "escalation_steps_position"`);
    await queryRunner.query(`DROP TABLE "escalation_steps"`);
    await queryRunner.query(`DROP INDEX "duty_shifts_span"`);
    await queryRunner.query(`DROP TABLE "duty_shifts"`);
  }
}
