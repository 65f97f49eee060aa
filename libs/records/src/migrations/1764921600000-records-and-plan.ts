import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一企一档 / 一地一档: annual indicators, land parcels, carriers and their tenancies, the dynamic-events timeline,
 * the industry admission list, the audit log, the plan's targets and park settings; enterprise flags and soft
 * delete; device permit limits; and the `park_device_changed` notification that ingestion's cache listens to.
 */
export class RecordsAndPlan1764921600000 implements MigrationInterface {
  name = 'RecordsAndPlan1764921600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "industry_admission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "industry_code" character varying(8) NOT NULL, "level" character varying(16) NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b70b333866dfe53f7c0f3fa672b" UNIQUE ("industry_code"), CONSTRAINT "PK_452bd89cf87f24964b3a338eb68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" text NOT NULL, "action" character varying(16) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" text NOT NULL, "enterprise_id" uuid, "changes" jsonb NOT NULL, CONSTRAINT "PK_ce5b9b7d945cab0a6c604bafd9e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_b77d814d4510c6ed1eaa583745" ON "audit_log" ("enterprise_id")`);
    await queryRunner.query(
      `CREATE INDEX "audit_log_subject" ON "audit_log" ("entity_type", "entity_id", "at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "carriers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "floor_area_m2" double precision NOT NULL, "operator" text, "address" text, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9d11f19275a058bd81035a8ee9a" UNIQUE ("code"), CONSTRAINT "PK_fe886e72b3d9f67da3ce70f4368" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "carrier_tenancies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "carrier_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "area_m2" double precision NOT NULL, "start_date" date NOT NULL, "end_date" date, "admission" character varying(16) NOT NULL, "override_note" text, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7de59289d733143a845b968af5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_36a9eafe1147541c6c50597458" ON "carrier_tenancies" ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "carrier_tenancies_carrier" ON "carrier_tenancies" ("carrier_id", "end_date")`,
    );
    await queryRunner.query(
      `CREATE TABLE "enterprise_indicators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "year" smallint NOT NULL, "revenue" double precision, "taxable_sales" double precision, "tax" double precision, "rd_expense" double precision, "invention_patents" integer, "output" double precision, "high_tech_output" double precision, "high_tech_investment" double precision, "energy_tce" double precision, "employees" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9a345a09487ff5d72ba98b9ba07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "enterprise_indicators_enterprise_year" ON "enterprise_indicators" ("enterprise_id", "year")`,
    );
    await queryRunner.query(
      `CREATE TABLE "land_parcels" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" text NOT NULL, "area_mu" double precision NOT NULL, "land_use" character varying(32) NOT NULL, "owner" text, "enterprise_id" uuid, "carrier_id" uuid, "inefficient" boolean NOT NULL DEFAULT false, "revitalized_year" smallint, "geometry" jsonb, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_95e43fec7bb4aa7bb8eb9bf238b" UNIQUE ("code"), CONSTRAINT "PK_41b6078ef33c8474f53c0fa64d1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_5ecd765afb3ec3e98a2bac6df8" ON "land_parcels" ("enterprise_id")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_41d1594b9ebc3c3c052786bd7b" ON "land_parcels" ("carrier_id")`);
    await queryRunner.query(
      `CREATE TABLE "park_settings" ("key" character varying(64) NOT NULL, "value" jsonb NOT NULL, "updated_by" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d04b4f9e7bfccc0b9b42839f728" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "indicator" character varying(48) NOT NULL, "year" smallint NOT NULL, "target" double precision NOT NULL, "comparator" character varying(4) NOT NULL, "updated_by" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0195ad24ee863a04c7615ad6360" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_targets_indicator_year" ON "plan_targets" ("indicator", "year")`,
    );
    await queryRunner.query(
      `CREATE TABLE "record_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" character varying(16) NOT NULL, "subject_id" uuid NOT NULL, "enterprise_id" uuid, "type" character varying(32) NOT NULL, "occurred_on" date NOT NULL, "summary" text NOT NULL, "details" jsonb NOT NULL DEFAULT '{}', "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_997d0e92c3efd8268cf5b1f7e51" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_bba2cc9cb721259739bfdc49de" ON "record_events" ("enterprise_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "record_events_subject" ON "record_events" ("subject_type", "subject_id", "occurred_on")`,
    );
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "industry_code" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "carrier_id" uuid`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "above_scale" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "high_tech" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "listed" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "enterprises" ADD "revenue_over_100m" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "manufacturer" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "core_industry" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "incubating" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "cultivation" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "enterprises" ADD "deleted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "devices" ADD "permit_limits" jsonb`);
    await queryRunner.query(`ALTER TABLE "devices" ADD "credential_issued_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_aeebdb09c0a7530766ada733e5" ON "enterprises" ("industry_code")`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_8e406d9c51c1c57229abd4e1fc" ON "enterprises" ("carrier_id")`);
    await queryRunner.query(
      `ALTER TABLE "carrier_tenancies" ADD CONSTRAINT "FK_86cf7fb1d8ba49f45354dd3105c" FOREIGN KEY ("carrier_id") REFERENCES "carriers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "carrier_tenancies" ADD CONSTRAINT "FK_36a9eafe1147541c6c505974580" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise_indicators" ADD CONSTRAINT "FK_1b0123769192d573e68f1e2af84" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // Ingestion caches device profiles; it LISTENs on park_device_changed and drops the device named in the
    // payload. A trigger, not application code, so no writer (API, CLI, psql) can forget to announce a change.
    await queryRunner.query(`CREATE FUNCTION park_notify_device_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('park_device_changed', OLD.id);
  ELSE
    PERFORM pg_notify('park_device_changed', NEW.id);
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER devices_notify_changed AFTER INSERT OR UPDATE OR DELETE ON "devices" FOR EACH ROW EXECUTE FUNCTION park_notify_device_changed()`,
    );
    // A device profile carries its enterprise's name and contact: a change there changes every device of it.
    await queryRunner.query(`CREATE FUNCTION park_notify_enterprise_devices_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record;
BEGIN
  FOR d IN SELECT id FROM devices WHERE enterprise_id = NEW.id LOOP
    PERFORM pg_notify('park_device_changed', d.id);
  END LOOP;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER enterprises_notify_devices_changed AFTER UPDATE OF name, contact_name, contact_phone, deleted_at ON "enterprises" FOR EACH ROW EXECUTE FUNCTION park_notify_enterprise_devices_changed()`,
    );
    // The plan's 2025 targets (DESIGN.md); admins edit them and add other years through the API.
    await queryRunner.query(`INSERT INTO "plan_targets" ("indicator", "year", "target", "comparator") VALUES
      ('high-tech-investment', 2025, 500000, 'gt'),
      ('high-tech-output-share', 2025, 50, 'gte'),
      ('core-industry-share', 2025, 90, 'gt'),
      ('carrier-occupancy', 2025, 100, 'gte'),
      ('inefficient-land-revitalized', 2025, 2000, 'gte'),
      ('above-scale-enterprises', 2025, 300, 'gt'),
      ('above-scale-taxable-sales', 2025, 3000000, 'gt'),
      ('invention-patents', 2025, 500, 'gte'),
      ('incubating-projects', 2025, 30, 'gt')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER enterprises_notify_devices_changed ON "enterprises"`);
    await queryRunner.query(`DROP FUNCTION park_notify_enterprise_devices_changed()`);
    await queryRunner.query(`DROP TRIGGER devices_notify_changed ON "devices"`);
    await queryRunner.query(`DROP FUNCTION park_notify_device_changed()`);
    await queryRunner.query(
      `ALTER TABLE "enterprise_indicators" DROP CONSTRAINT "FK_1b0123769192d573e68f1e2af84"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carrier_tenancies" DROP CONSTRAINT "FK_36a9eafe1147541c6c505974580"`,
    );
    await queryRunner.query(
      `ALTER TABLE "carrier_tenancies" DROP CONSTRAINT "FK_86cf7fb1d8ba49f45354dd3105c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_8e406d9c51c1c57229abd4e1fc"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_aeebdb09c0a7530766ada733e5"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "updated_at"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "credential_issued_at"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "permit_limits"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "deleted_at"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "cultivation"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "incubating"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "core_industry"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "manufacturer"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "revenue_over_100m"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "listed"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "high_tech"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "above_scale"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "carrier_id"`);
    await queryRunner.query(`ALTER TABLE "enterprises" DROP COLUMN "industry_code"`);
    await queryRunner.query(`DROP INDEX "public"."record_events_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bba2cc9cb721259739bfdc49de"`);
    await queryRunner.query(`DROP TABLE "record_events"`);
    await queryRunner.query(`DROP INDEX "public"."plan_targets_indicator_year"`);
    await queryRunner.query(`DROP TABLE "plan_targets"`);
    await queryRunner.query(`DROP TABLE "park_settings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_41d1594b9ebc3c3c052786bd7b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_5ecd765afb3ec3e98a2bac6df8"`);
    await queryRunner.query(`DROP TABLE "land_parcels"`);
    await queryRunner.query(`DROP INDEX "public"."enterprise_indicators_enterprise_year"`);
    await queryRunner.query(`DROP TABLE "enterprise_indicators"`);
    await queryRunner.query(`DROP INDEX "public"."carrier_tenancies_carrier"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_36a9eafe1147541c6c50597458"`);
    await queryRunner.query(`DROP TABLE "carrier_tenancies"`);
    await queryRunner.query(`DROP TABLE "carriers"`);
    await queryRunner.query(`DROP INDEX "public"."audit_log_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b77d814d4510c6ed1eaa583745"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP TABLE "industry_admission"`);
  }
}
