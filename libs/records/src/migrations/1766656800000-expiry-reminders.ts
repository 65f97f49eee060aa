import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The certificates' expiry reminders (资质到期提醒) per certificate, expiry date and step: claimed once, then how it went. */
export class ExpiryReminders1766656800000 implements MigrationInterface {
  name = 'ExpiryReminders1766656800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_expiry_reminders" ("qualification_id" uuid NOT NULL, "expires_on" date NOT NULL, "step" integer NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "send_count" integer NOT NULL DEFAULT '0', "status" character varying(16) NOT NULL, "last_answer" text, CONSTRAINT "PK_92915bf9bc0c986bbed0c692f66" PRIMARY KEY ("qualification_id", "expires_on", "step"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_expiry_reminders" ADD CONSTRAINT "FK_c44be06d22120be70fa700dec0c" FOREIGN KEY ("qualification_id") REFERENCES "qualifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_expiry_reminders" DROP CONSTRAINT "FK_c44be06d22120be70fa700dec0c"`,
    );
    await queryRunner.query(`DROP TABLE "notification_expiry_reminders"`);
  }
}
