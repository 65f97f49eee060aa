import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766829600000-data-exchange.ts. */
export class SqliteDataExchange1766829600000 implements MigrationInterface {
  name = 'SqliteDataExchange1766829600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_batches" ("id" varchar PRIMARY KEY NOT NULL, "source_id" varchar NOT NULL, "via" varchar(16) NOT NULL, "reference" text, "dry_run" boolean NOT NULL DEFAULT (0), "rows" integer NOT NULL, "stored" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "problems" text NOT NULL, "received_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "exchange_batches_source" ON "exchange_batches" ("source_id", "received_at")`,
    );
    await queryRunner.query(
      `CREATE TABLE "exchange_sources" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "kind" varchar(32) NOT NULL, "scopes" text NOT NULL, "key_prefix" varchar(32) NOT NULL, "key_hash" text NOT NULL, "rate_limit_per_minute" integer NOT NULL DEFAULT (60), "drop_folder" varchar(64), "revoked_at" datetime, "last_used_at" datetime, "demo" boolean NOT NULL DEFAULT (0), "created_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exchange_sources_key_prefix" ON "exchange_sources" ("key_prefix")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "exchange_sources_drop_folder" ON "exchange_sources" ("drop_folder")`,
    );
    await queryRunner.query(
      `CREATE TABLE "source_figures" ("id" varchar PRIMARY KEY NOT NULL, "source_id" varchar NOT NULL, "source_kind" varchar(32) NOT NULL, "enterprise_id" varchar NOT NULL, "metric" varchar(32) NOT NULL, "period_kind" varchar(8) NOT NULL, "year" smallint NOT NULL, "period_index" smallint NOT NULL, "value" double precision NOT NULL, "batch_id" varchar, "demo" boolean NOT NULL DEFAULT (0), "received_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
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
    await queryRunner.query(`DROP INDEX "source_figures_natural_key"`);
    await queryRunner.query(`DROP INDEX "source_figures_year_metric"`);
    await queryRunner.query(`DROP INDEX "source_figures_enterprise"`);
    await queryRunner.query(`DROP TABLE "source_figures"`);
    await queryRunner.query(`DROP INDEX "exchange_sources_drop_folder"`);
    await queryRunner.query(`DROP INDEX "exchange_sources_key_prefix"`);
    await queryRunner.query(`DROP TABLE "exchange_sources"`);
    await queryRunner.query(`DROP INDEX "exchange_batches_source"`);
    await queryRunner.query(`DROP TABLE "exchange_batches"`);
  }
}
