import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1765958400000-reports.ts: generated reports and their files (BLOBs). */
export class SqliteReports1765958400000 implements MigrationInterface {
  name = 'SqliteReports1765958400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" varchar PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL, "period" varchar(10) NOT NULL, "scope" varchar(64) NOT NULL, "enterprise_id" varchar, "title" text NOT NULL, "status" varchar(16) NOT NULL, "error" text, "generated_by" text NOT NULL, "generated_at" datetime NOT NULL, "xlsx" blob, "pdf" blob)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reports_one_per_period" ON "reports" ("kind", "period", "scope")`,
    );
    await queryRunner.query(`CREATE INDEX "reports_newest" ON "reports" ("generated_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "reports_newest"`);
    await queryRunner.query(`DROP INDEX "reports_one_per_period"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
