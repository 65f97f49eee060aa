import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Display tokens of wall displays (数据大屏): a SHA-256 hash of each token, never the token itself. */
export class DisplayTokens1765180800000 implements MigrationInterface {
  name = 'DisplayTokens1765180800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "display_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "token_hash" character(64) NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_95b115cf7e0b5a15f2a826e4fff" UNIQUE ("token_hash"), CONSTRAINT "PK_72610231546d0d012e36c11faa1" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "display_tokens"`);
  }
}
