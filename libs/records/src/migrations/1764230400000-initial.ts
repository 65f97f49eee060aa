import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Enterprises, devices, rules, alerts with their audit/outbox events, and users. */
export class Initial1764230400000 implements MigrationInterface {
  name = 'Initial1764230400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enterprises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "credit_code" character varying(18) NOT NULL, "contact_name" text, "contact_phone" character varying(32), "address" text, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_bca102e5421c71d700c4ee4ff9a" UNIQUE ("credit_code"), CONSTRAINT "PK_a019e9afe6517b4f2a4588f2cce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "devices" ("id" character varying(64) NOT NULL, "enterprise_id" uuid NOT NULL, "name" text NOT NULL, "kind" character varying(32) NOT NULL, "role" character varying(32), "line" character varying(64), "location" text, "enabled" boolean NOT NULL DEFAULT true, "credential_hash" text, "expected_interval_s" integer NOT NULL DEFAULT '60', "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1514758245c12daf43486dd1f0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_787b4434787409b249e8905125" ON "devices" ("enterprise_id") `);
    await queryRunner.query(
      `CREATE TABLE "rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64), "name_zh" text NOT NULL, "name_en" text NOT NULL, "kind" character varying(32) NOT NULL, "device_kind" character varying(32) NOT NULL, "metric" character varying(32) NOT NULL, "params" jsonb NOT NULL, "auto_resolve" boolean NOT NULL DEFAULT true, "enabled" boolean NOT NULL DEFAULT true, "source" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5ac936be5308d9147c81452d33f" UNIQUE ("code"), CONSTRAINT "PK_10fef696a7d61140361b1b23608" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "device_id" character varying(64) NOT NULL, "enterprise_id" uuid NOT NULL, "metric" character varying(32) NOT NULL, "unit" character varying(16) NOT NULL, "value" double precision NOT NULL, "limit_value" double precision NOT NULL, "level" smallint NOT NULL, "severity" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "count" integer NOT NULL DEFAULT '1', "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_reading_ts" bigint NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" text, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by" text, "resolution_note" text, "explanation" jsonb NOT NULL, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "alerts_rule_device_reading" ON "alerts" ("rule_id", "device_id", "last_reading_ts") `,
    );
    await queryRunner.query(
      `CREATE INDEX "alerts_enterprise_opened" ON "alerts" ("enterprise_id", "opened_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_unresolved_per_rule_device" ON "alerts" ("rule_id", "device_id") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE TABLE "alert_events" ("seq" BIGSERIAL NOT NULL, "alert_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "type" character varying(16) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" text, "snapshot" jsonb NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_fc2243674359bc3adf408e65337" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bc7ef2f6beb89d2a7458b9d764" ON "alert_events" ("alert_id") `);
    await queryRunner.query(
      `CREATE INDEX "alert_events_unpublished" ON "alert_events" ("seq") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" character varying(32) NOT NULL, "enterprise_id" uuid, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "devices" ADD CONSTRAINT "FK_787b4434787409b249e89051253" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "FK_a03c8afb3e29b85c8feccd730ef" FOREIGN KEY ("rule_id") REFERENCES "rules"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "FK_bde35b32d03b804b0944331ac85" FOREIGN KEY ("device_id") REFERENCES "devices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "FK_b03c2427812bda1047c73ee023e" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alert_events" ADD CONSTRAINT "FK_bc7ef2f6beb89d2a7458b9d7642" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_fbe644d8ff0b13dae28f312b987" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_fbe644d8ff0b13dae28f312b987"`);
    await queryRunner.query(`ALTER TABLE "alert_events" DROP CONSTRAINT "FK_bc7ef2f6beb89d2a7458b9d7642"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_b03c2427812bda1047c73ee023e"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_bde35b32d03b804b0944331ac85"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_a03c8afb3e29b85c8feccd730ef"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP CONSTRAINT "FK_787b4434787409b249e89051253"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."alert_events_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bc7ef2f6beb89d2a7458b9d764"`);
    await queryRunner.query(`DROP TABLE "alert_events"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_one_unresolved_per_rule_device"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_enterprise_opened"`);
    await queryRunner.query(`DROP INDEX "public"."alerts_rule_device_reading"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP TABLE "rules"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_787b4434787409b249e8905125"`);
    await queryRunner.query(`DROP TABLE "devices"`);
    await queryRunner.query(`DROP TABLE "enterprises"`);
  }
}
