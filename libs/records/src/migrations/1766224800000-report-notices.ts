import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The monthly reports' notice (月度报表) per channel and month: claimed once, then how it went (docs/reports.md). */
export class ReportNotices1766224800000 implements MigrationInterface {
  name = 'ReportNotices1766224800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_report_notices" ("channel_id" uuid NOT NULL, "period" character varying(7) NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "report_count" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL, "last_answer" text, CONSTRAINT "PK_7beaf8440840c4627af92ea961f" PRIMARY KEY ("channel_id", "period"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_report_notices" ADD CONSTRAINT "FK_fac21e7de816d2efd5a1163332a" FOREIGN KEY ("channel_id") REFERENCES "notification_channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_report_notices" DROP CONSTRAINT "FK_fac21e7de816d2efd5a1163332a"`,
    );
    await queryRunner.query(`DROP TABLE "notification_report_notices"`);
  }
}
