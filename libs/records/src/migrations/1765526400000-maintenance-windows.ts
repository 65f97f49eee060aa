import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintenance windows (检修) and the alerts they hold back: an alert raised inside a window is stored with status
 * `suppressed` and the window's id, and goes live when the window ends (docs/alerts.md, "Maintenance windows").
 */
export class MaintenanceWindows1765526400000 implements MigrationInterface {
  name = 'MaintenanceWindows1765526400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "maintenance_windows" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" character varying(8) NOT NULL, "subject_id" character varying(64) NOT NULL, "enterprise_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_by" text, "reason" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c939ec0e19687a7d64b5e357d28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "maintenance_windows_ends" ON "maintenance_windows" ("ends_at") `);
    await queryRunner.query(
      `CREATE INDEX "maintenance_windows_subject" ON "maintenance_windows" ("enterprise_id", "subject_type", "subject_id", "ends_at") `,
    );
    await queryRunner.query(`ALTER TABLE "alerts" ADD "maintenance_id" uuid`);
    await queryRunner.query(`ALTER TABLE "alerts" ADD "suppressed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "alerts_suppressed" ON "alerts" ("maintenance_id") WHERE status = 'suppressed'`,
    );
    await queryRunner.query(
      `ALTER TABLE "maintenance_windows" ADD CONSTRAINT "FK_ea303abbc46dedc92b1bd0ce0b4" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "alerts" ADD CONSTRAINT "FK_e8c5719c09f64c51801425d922c" FOREIGN KEY ("maintenance_id") REFERENCES "maintenance_windows"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alerts" DROP CONSTRAINT "FK_e8c5719c09f64c51801425d922c"`);
    await queryRunner.query(
      `ALTER TABLE "maintenance_windows" DROP CONSTRAINT "FK_ea303abbc46dedc92b1bd0ce0b4"`,
    );
    await queryRunner.query(`DROP INDEX "public"."alerts_suppressed"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "suppressed_at"`);
    await queryRunner.query(`ALTER TABLE "alerts" DROP COLUMN "maintenance_id"`);
    await queryRunner.query(`DROP INDEX "public"."maintenance_windows_subject"`);
    await queryRunner.query(`DROP INDEX "public"."maintenance_windows_ends"`);
    await queryRunner.query(`DROP TABLE "maintenance_windows"`);
  }
}
