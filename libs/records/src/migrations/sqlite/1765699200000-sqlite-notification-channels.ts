import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1765699200000-notification-channels.ts: notification channels and their deliveries. */
export class SqliteNotificationChannels1765699200000 implements MigrationInterface {
  name = 'SqliteNotificationChannels1765699200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_channels" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "kind" varchar(16) NOT NULL, "config" text NOT NULL, "severities" text NOT NULL, "event_types" text NOT NULL, "enterprise_id" varchar, "recipients" text NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), CONSTRAINT "FK_16b815503e1deb8fd452d493f5f" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "channel_id" varchar NOT NULL, "alert_id" varchar, "event_seq" bigint, "event_type" varchar(16) NOT NULL, "recipient_name" text NOT NULL DEFAULT (''), "recipient_address" text NOT NULL DEFAULT (''), "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" datetime NOT NULL, "last_attempt_at" datetime, "last_status" integer, "last_answer" text, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "delivered_at" datetime, CONSTRAINT "FK_cb8fc3f1c2debe694670bc9d655" FOREIGN KEY ("channel_id") REFERENCES "notification_channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_deliveries_one_per_recipient" ON "notification_deliveries" ("channel_id", "event_seq", "recipient_address")`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_due" ON "notification_deliveries" ("next_attempt_at") WHERE status IN ('pending', 'sending')`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_channel" ON "notification_deliveries" ("channel_id", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "notification_deliveries_alert" ON "notification_deliveries" ("alert_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "notification_deliveries_alert"`);
    await queryRunner.query(`DROP INDEX "notification_deliveries_channel"`);
    await queryRunner.query(`DROP INDEX "notification_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "notification_deliveries_one_per_recipient"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
  }
}
