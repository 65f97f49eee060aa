import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 惠企政策: the policy library and who each policy's notice was sent to (docs/policies.md). */
export class Policies1766916000000 implements MigrationInterface {
  name = 'Policies1766916000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "policies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "issuer" text NOT NULL, "document_no" text, "summary" text, "benefit" text, "valid_from" date, "valid_to" date, "url" text, "criteria" jsonb NOT NULL, "near_margin_percent" double precision NOT NULL DEFAULT '20', "demo" boolean NOT NULL DEFAULT false, "created_by" text NOT NULL, "updated_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_603e09f183df0108d8695c57e28" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_notices" ("policy_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL, "notified_by" text NOT NULL, "send_count" integer NOT NULL, "status" character varying(16) NOT NULL, "last_answer" text, CONSTRAINT "PK_86637ac84666893768e50a7d91a" PRIMARY KEY ("policy_id", "enterprise_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_notices" ADD CONSTRAINT "FK_d8f5b88d8b741318f380e101936" FOREIGN KEY ("policy_id") REFERENCES "policies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_notices" DROP CONSTRAINT "FK_d8f5b88d8b741318f380e101936"`);
    await queryRunner.query(`DROP TABLE "policy_notices"`);
    await queryRunner.query(`DROP TABLE "policies"`);
  }
}
