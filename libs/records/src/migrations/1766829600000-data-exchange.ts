import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The key-information exchange: source systems and their keys, the figures they send, and each upload (docs/data-exchange.md). */
export class DataExchange1766829600000 implements MigrationInterface {
  name = 'DataExchange1766829600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "via" character varying(16) NOT NULL, "reference" text, "dry_run" boolean NOT NULL DEFAULT false, "rows" integer NOT NULL, "stored" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "problems" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f16973d547b0baf3e55a19a6300" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exchange_batches_source" ON "exchange_batches" ("source_id", "received_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "exchange_sources" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" character varying(32) NOT NULL, "scopes" jsonb NOT NULL, "key_prefix" character varying(32) NOT NULL, "key_hash" text NOT NULL, "rate_limit_per_minute" integer NOT NULL DEFAULT '60', "drop_folder" character varying(64), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "demo" boolean NOT NULL DEFAULT false, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c41fe3fb898a126a8a834e9a5ae" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exchange_sources_key_prefix" ON "exchange_sources" ("key_prefix")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exchange_sources_drop_folder" ON "exchange_sources" ("drop_folder")`,
    );
    await queryRunner.query(
      `CREATE TABLE "source_figures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source_id" uuid NOT NULL, "source_kind" character varying(32) NOT NULL, "enterprise_id" uuid NOT NULL, "metric" character varying(32) NOT NULL, "period_kind" character varying(8) NOT NULL, "year" smallint NOT NULL, "period_index" smallint NOT NULL, "value" double precision NOT NULL, "batch_id" uuid, "demo" boolean NOT NULL DEFAULT false, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0aa1a2ee5b8e45b6bed4e63c30e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "source_figures_enterprise" ON "source_figures" ("enterprise_id", "year")`,
    );
    await queryRunner.query(
      `CREATE INDEX "source_figures_year_metric" ON "source_figures" ("year", "metric")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "source_figures_natural_key" ON "source_figures" ("source_id", "enterprise_id", "metric", "period_kind", "year", "period_index")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."source_figures_natural_key"`);
    await queryRunner.query(`DROP INDEX "public"."source_figures_year_metric"`);
    await queryRunner.query(`DROP INDEX "public"."source_figures_enterprise"`);
    await queryRunner.query(`DROP TABLE "source_figures"`);
    await queryRunner.query(`DROP INDEX "public"."exchange_sources_drop_folder"`);
    await queryRunner.query(`DROP INDEX "public"."exchange_sources_key_prefix"`);
    await queryRunner.query(`DROP TABLE "exchange_sources"`);
    await queryRunner.query(`DROP INDEX "public"."exchange_batches_source"`);
    await queryRunner.query(`DROP TABLE "exchange_batches"`);
  }
}
