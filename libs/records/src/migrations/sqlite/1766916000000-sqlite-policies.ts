import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766916000000-policies.ts. */
export class SqlitePolicies1766916000000 implements MigrationInterface {
  name = 'SqlitePolicies1766916000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policies" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "issuer" text NOT NULL, "document_no" text, "summary" text, "benefit" text, "valid_from" date, "valid_to" date, "url" text, "criteria" text NOT NULL, "near_margin_percent" double precision NOT NULL DEFAULT (20), "demo" boolean NOT NULL DEFAULT (0), "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_notices" ("policy_id" varchar NOT NULL, "enterprise_id" varchar NOT NULL, "notified_at" datetime NOT NULL, "notified_by" text NOT NULL, "send_count" integer NOT NULL, "status" varchar(16) NOT NULL, "last_answer" text, CONSTRAINT "FK_d8f5b88d8b741318f380e101936" FOREIGN KEY ("policy_id") REFERENCES "policies" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("policy_id", "enterprise_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "policy_notices"`);
    await queryRunner.query(`DROP TABLE "policies"`);
  }
}
