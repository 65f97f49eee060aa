import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated reports (报表) and their XLSX and PDF files; one per kind, period and scope (docs/reports.md). */
export class Reports1765958400000 implements MigrationInterface {
  name = 'Reports1765958400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "period" character varying(10) NOT NULL, "scope" character varying(64) NOT NULL, "enterprise_id" uuid, "title" text NOT NULL, "status" character varying(16) NOT NULL, "error" text, "generated_by" text NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "xlsx" bytea, "pdf" bytea, CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reports_one_per_period" ON "reports" ("kind", "period", "scope") `,
    );
    await queryRunner.query(`CREATE INDEX "reports_newest" ON "reports" ("generated_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reports_newest"`);
    await queryRunner.query(`DROP INDEX "public"."reports_one_per_period"`);
    await queryRunner.query(`DROP TABLE "reports"`);
  }
}
