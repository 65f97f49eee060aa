import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SQLite records as the PostgreSQL migrations up to 1765526400000 (maintenance windows) leave them: every
 * table, index and device-change trigger, in SQLite's SQL as the records' SQLite driver maps the entities' types
 * (sqlite-records.ts: timestamptz → UTC text, uuid → text, jsonb → JSON text). Before this, the standalone mode
 * synchronized its schema from the entities on every open; files made that way are adopted (sqlite-records.ts).
 */
export class SqliteBaseline1765612800000 implements MigrationInterface {
  name = 'SqliteBaseline1765612800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "enterprises" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "credit_code" varchar(18) NOT NULL, "industry_code" varchar(8), "carrier_id" varchar, "contact_name" text, "contact_phone" varchar(32), "address" text, "above_scale" boolean NOT NULL DEFAULT (0), "high_tech" boolean NOT NULL DEFAULT (0), "listed" boolean NOT NULL DEFAULT (0), "revenue_over_100m" boolean NOT NULL DEFAULT (0), "manufacturer" boolean NOT NULL DEFAULT (1), "core_industry" boolean NOT NULL DEFAULT (0), "incubating" boolean NOT NULL DEFAULT (0), "cultivation" text NOT NULL DEFAULT ('[]'), "permit_limits" text, "permit_o2_reference" double precision, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime, CONSTRAINT "UQ_bca102e5421c71d700c4ee4ff9a" UNIQUE ("credit_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_aeebdb09c0a7530766ada733e5" ON "enterprises" ("industry_code")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e406d9c51c1c57229abd4e1fc" ON "enterprises" ("carrier_id")`);
    await queryRunner.query(
      `CREATE TABLE "rules" ("id" varchar PRIMARY KEY NOT NULL, "code" varchar(64), "name_zh" text NOT NULL, "name_en" text NOT NULL, "kind" varchar(32) NOT NULL, "device_kind" varchar(32) NOT NULL, "metric" varchar(32) NOT NULL, "params" text NOT NULL, "auto_resolve" boolean NOT NULL DEFAULT (1), "enabled" boolean NOT NULL DEFAULT (1), "source" text, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "UQ_5ac936be5308d9147c81452d33f" UNIQUE ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "display_tokens" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "token_hash" character(64) NOT NULL, "created_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "last_used_at" datetime, "revoked_at" datetime, CONSTRAINT "UQ_95b115cf7e0b5a15f2a826e4fff" UNIQUE ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhooks" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "url" text NOT NULL, "secret" text NOT NULL, "severities" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "industry_admission" ("id" varchar PRIMARY KEY NOT NULL, "industry_code" varchar(8) NOT NULL, "level" varchar(16) NOT NULL, "reason" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "UQ_b70b333866dfe53f7c0f3fa672b" UNIQUE ("industry_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" datetime NOT NULL, "actor" text NOT NULL, "action" varchar(16) NOT NULL, "entity_type" varchar(32) NOT NULL, "entity_id" text NOT NULL, "enterprise_id" varchar, "changes" text NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b77d814d4510c6ed1eaa583745" ON "audit_log" ("enterprise_id")`);
    await queryRunner.query(
      `CREATE INDEX "audit_log_subject" ON "audit_log" ("entity_type", "entity_id", "at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "carriers" ("id" varchar PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" text NOT NULL, "floor_area_m2" double precision NOT NULL, "operator" text, "address" text, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime, CONSTRAINT "UQ_9d11f19275a058bd81035a8ee9a" UNIQUE ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "land_parcels" ("id" varchar PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" text NOT NULL, "area_mu" double precision NOT NULL, "land_use" varchar(32) NOT NULL, "owner" text, "enterprise_id" varchar, "carrier_id" varchar, "inefficient" boolean NOT NULL DEFAULT (0), "revitalized_year" smallint, "geometry" text, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime, CONSTRAINT "UQ_95e43fec7bb4aa7bb8eb9bf238b" UNIQUE ("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5ecd765afb3ec3e98a2bac6df8" ON "land_parcels" ("enterprise_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_41d1594b9ebc3c3c052786bd7b" ON "land_parcels" ("carrier_id")`);
    await queryRunner.query(
      `CREATE TABLE "park_settings" ("key" varchar(64) PRIMARY KEY NOT NULL, "value" text NOT NULL, "updated_by" text, "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_targets" ("id" varchar PRIMARY KEY NOT NULL, "indicator" varchar(48) NOT NULL, "year" smallint NOT NULL, "target" double precision NOT NULL, "comparator" varchar(4) NOT NULL, "updated_by" text, "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_targets_indicator_year" ON "plan_targets" ("indicator", "year")`,
    );
    await queryRunner.query(
      `CREATE TABLE "record_events" ("id" varchar PRIMARY KEY NOT NULL, "subject_type" varchar(16) NOT NULL, "subject_id" varchar NOT NULL, "enterprise_id" varchar, "type" varchar(32) NOT NULL, "occurred_on" date NOT NULL, "summary" text NOT NULL, "details" text NOT NULL DEFAULT ('{}'), "created_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bba2cc9cb721259739bfdc49de" ON "record_events" ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "record_events_subject" ON "record_events" ("subject_type", "subject_id", "occurred_on")`,
    );
    await queryRunner.query(
      `CREATE TABLE "devices" ("id" varchar(64) PRIMARY KEY NOT NULL, "enterprise_id" varchar NOT NULL, "name" text NOT NULL, "kind" varchar(32) NOT NULL, "role" varchar(32), "line" varchar(64), "location" text, "enabled" boolean NOT NULL DEFAULT (1), "credential_hash" text, "expected_interval_s" integer NOT NULL DEFAULT (60), "permit_limits" text, "permit_o2_reference" double precision, "normal_kw" double precision, "process_limits" text, "credential_issued_at" datetime, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_787b4434787409b249e89051253" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_787b4434787409b249e8905125" ON "devices" ("enterprise_id")`);
    await queryRunner.query(
      `CREATE TABLE "maintenance_windows" ("id" varchar PRIMARY KEY NOT NULL, "subject_type" varchar(8) NOT NULL, "subject_id" varchar(64) NOT NULL, "enterprise_id" varchar NOT NULL, "starts_at" datetime NOT NULL, "ends_at" datetime NOT NULL, "ended_at" datetime, "ended_by" text, "reason" text NOT NULL, "created_by" text NOT NULL, "created_at" datetime NOT NULL, CONSTRAINT "FK_ea303abbc46dedc92b1bd0ce0b4" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "maintenance_windows_ends" ON "maintenance_windows" ("ends_at")`);
    await queryRunner.query(
      `CREATE INDEX "maintenance_windows_subject" ON "maintenance_windows" ("enterprise_id", "subject_type", "subject_id", "ends_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" varchar PRIMARY KEY NOT NULL, "rule_id" varchar NOT NULL, "subject_type" varchar(8) NOT NULL DEFAULT ('device'), "subject_id" varchar(64) NOT NULL, "device_id" varchar(64), "enterprise_id" varchar NOT NULL, "metric" varchar(32) NOT NULL, "unit" varchar(16) NOT NULL, "value" double precision NOT NULL, "limit_value" double precision NOT NULL, "level" smallint NOT NULL, "severity" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "count" integer NOT NULL DEFAULT (1), "opened_at" datetime NOT NULL, "last_seen_at" datetime NOT NULL, "last_reading_ts" bigint NOT NULL, "acknowledged_at" datetime, "acknowledged_by" text, "resolved_at" datetime, "resolved_by" text, "resolution_note" text, "assigned_to" text, "assigned_at" datetime, "escalated_at" datetime, "last_reminded_at" datetime, "last_repeat_event_at" datetime, "maintenance_id" varchar, "suppressed_at" datetime, "explanation" text NOT NULL, CONSTRAINT "FK_a03c8afb3e29b85c8feccd730ef" FOREIGN KEY ("rule_id") REFERENCES "rules" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_bde35b32d03b804b0944331ac85" FOREIGN KEY ("device_id") REFERENCES "devices" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b03c2427812bda1047c73ee023e" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_e8c5719c09f64c51801425d922c" FOREIGN KEY ("maintenance_id") REFERENCES "maintenance_windows" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "alerts_suppressed" ON "alerts" ("maintenance_id") WHERE status = 'suppressed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "alerts_unacknowledged" ON "alerts" ("opened_at") WHERE status = 'open'`,
    );
    await queryRunner.query(`CREATE INDEX "alerts_opened" ON "alerts" ("opened_at")`);
    await queryRunner.query(
      `CREATE INDEX "alerts_enterprise_opened" ON "alerts" ("enterprise_id", "opened_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alerts_one_unresolved_per_rule_subject" ON "alerts" ("rule_id", "subject_type", "enterprise_id", "subject_id") WHERE status <> 'resolved'`,
    );
    await queryRunner.query(
      `CREATE TABLE "alert_events" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "alert_id" varchar NOT NULL, "enterprise_id" varchar NOT NULL, "type" varchar(16) NOT NULL, "at" datetime NOT NULL, "actor" text, "snapshot" text NOT NULL, "published_at" datetime, CONSTRAINT "FK_bc7ef2f6beb89d2a7458b9d7642" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bc7ef2f6beb89d2a7458b9d764" ON "alert_events" ("alert_id")`);
    await queryRunner.query(
      `CREATE INDEX "alert_events_unpublished" ON "alert_events" ("seq") WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "rule_states" ("rule_id" varchar NOT NULL, "subject_key" varchar(160) NOT NULL, "state" text NOT NULL, "version" integer NOT NULL, "updated_at" datetime NOT NULL, CONSTRAINT "FK_133a008d52dce52e0a252943f8e" FOREIGN KEY ("rule_id") REFERENCES "rules" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("rule_id", "subject_key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "webhook_id" varchar NOT NULL, "event_seq" bigint NOT NULL, "payload" text NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "delivered_at" datetime, "gave_up_at" datetime, "last_status" integer, "last_error" text, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE delivered_at IS NULL AND gave_up_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_one_per_event" ON "webhook_deliveries" ("webhook_id", "event_seq")`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" varchar PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" varchar(32) NOT NULL, "enterprise_id" varchar, "disabled" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"), CONSTRAINT "FK_fbe644d8ff0b13dae28f312b987" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "user_sessions" ("id" varchar PRIMARY KEY NOT NULL, "user_id" varchar NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "expires_at" datetime NOT NULL, "revoked_at" datetime, CONSTRAINT "FK_e9658e959c490b0a634dfc54783" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_user_sessions_user" ON "user_sessions" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "carrier_tenancies" ("id" varchar PRIMARY KEY NOT NULL, "carrier_id" varchar NOT NULL, "enterprise_id" varchar NOT NULL, "area_m2" double precision NOT NULL, "start_date" date NOT NULL, "end_date" date, "admission" varchar(16) NOT NULL, "override_note" text, "created_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_86cf7fb1d8ba49f45354dd3105c" FOREIGN KEY ("carrier_id") REFERENCES "carriers" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_36a9eafe1147541c6c505974580" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_36a9eafe1147541c6c50597458" ON "carrier_tenancies" ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "carrier_tenancies_carrier" ON "carrier_tenancies" ("carrier_id", "end_date")`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise_indicators" ("id" varchar PRIMARY KEY NOT NULL, "enterprise_id" varchar NOT NULL, "year" smallint NOT NULL, "revenue" double precision, "taxable_sales" double precision, "tax" double precision, "rd_expense" double precision, "invention_patents" integer, "output" double precision, "high_tech_output" double precision, "high_tech_investment" double precision, "energy_tce" double precision, "employees" integer, "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_1b0123769192d573e68f1e2af84" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enterprise_indicators_enterprise_year" ON "enterprise_indicators" ("enterprise_id", "year")`,
    );
    // The same notifications as PostgreSQL's triggers (migration 1764921600000): they call park_device_changed(id),
    // a function the records register on the connection (sqlite-records.ts), which announces the id on commit.
    await queryRunner.query(
      `CREATE TRIGGER devices_notify_inserted AFTER INSERT ON "devices" BEGIN SELECT park_device_changed(NEW.id); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER devices_notify_updated AFTER UPDATE ON "devices" BEGIN SELECT park_device_changed(NEW.id); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER devices_notify_deleted AFTER DELETE ON "devices" BEGIN SELECT park_device_changed(OLD.id); END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER enterprises_notify_devices_changed AFTER UPDATE OF name, contact_name, contact_phone, deleted_at ON "enterprises" BEGIN SELECT park_device_changed(d.id) FROM devices d WHERE d.enterprise_id = NEW.id; END`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "enterprises_notify_devices_changed"`);
    await queryRunner.query(`DROP TRIGGER "devices_notify_deleted"`);
    await queryRunner.query(`DROP TRIGGER "devices_notify_updated"`);
    await queryRunner.query(`DROP TRIGGER "devices_notify_inserted"`);
    await queryRunner.query(`DROP TABLE "enterprise_indicators"`);
    await queryRunner.query(`DROP TABLE "carrier_tenancies"`);
    await queryRunner.query(`DROP TABLE "user_sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "rule_states"`);
    await queryRunner.query(`DROP TABLE "alert_events"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP TABLE "maintenance_windows"`);
    await queryRunner.query(`DROP TABLE "devices"`);
    await queryRunner.query(`DROP TABLE "record_events"`);
    await queryRunner.query(`DROP TABLE "plan_targets"`);
    await queryRunner.query(`DROP TABLE "park_settings"`);
    await queryRunner.query(`DROP TABLE "land_parcels"`);
    await queryRunner.query(`DROP TABLE "carriers"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "industry_admission"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
    await queryRunner.query(`DROP TABLE "display_tokens"`);
    await queryRunner.query(`DROP TABLE "rules"`);
    await queryRunner.query(`DROP TABLE "enterprises"`);
  }
}
