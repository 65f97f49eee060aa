import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766224800000-report-notices.ts: the monthly reports' notice per channel and month. */
export class SqliteReportNotices1766224800000 implements MigrationInterface {
  name = 'SqliteReportNotices1766224800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_report_notices" ("channel_id" varchar NOT NULL, "period" varchar(7) NOT NULL, "claimed_at" datetime NOT NULL, "report_count" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "last_answer" text, CONSTRAINT "FK_fac21e7de816d2efd5a1163332a" FOREIGN KEY ("channel_id") REFERENCES "notification_channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("channel_id", "period"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_report_notices"`);
  }
}
