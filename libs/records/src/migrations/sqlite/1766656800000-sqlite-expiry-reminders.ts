import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766656800000-expiry-reminders.ts: the certificates' expiry reminders per step. */
export class SqliteExpiryReminders1766656800000 implements MigrationInterface {
  name = 'SqliteExpiryReminders1766656800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_expiry_reminders" ("qualification_id" varchar NOT NULL, "expires_on" date NOT NULL, "step" integer NOT NULL, "claimed_at" datetime NOT NULL, "send_count" integer NOT NULL DEFAULT (0), "status" varchar(16) NOT NULL, "last_answer" text, CONSTRAINT "FK_c44be06d22120be70fa700dec0c" FOREIGN KEY ("qualification_id") REFERENCES "qualifications" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("qualification_id", "expires_on", "step"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_expiry_reminders"`);
  }
}
