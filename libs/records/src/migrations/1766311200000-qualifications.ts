import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 资质认定: enterprises' qualifications (certificates) and their attached documents (docs/records.md). */
export class Qualifications1766311200000 implements MigrationInterface {
  name = 'Qualifications1766311200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "qualifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "type" character varying(32) NOT NULL, "level" character varying(16), "certificate_no" character varying(64) NOT NULL, "issued_on" date NOT NULL, "expires_on" date, "note" text, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9ed4d526ac3b76ba3f1c1080433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c88dd4901e3b93e2523d2b90f5" ON "qualifications" ("enterprise_id") `,
    );
    await queryRunner.query(`CREATE INDEX "qualifications_expiry" ON "qualifications" ("expires_on") `);
    await queryRunner.query(
      `CREATE TABLE "qualification_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "qualification_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "filename" text NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "content" bytea NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b9de0a5537e715ca8cb55443898" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a82c9791b12d1949d41f8d0fc9" ON "qualification_documents" ("qualification_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_a82c9791b12d1949d41f8d0fc9"`);
    await queryRunner.query(`DROP TABLE "qualification_documents"`);
    await queryRunner.query(`DROP INDEX "public"."qualifications_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c88dd4901e3b93e2523d2b90f5"`);
    await queryRunner.query(`DROP TABLE "qualifications"`);
  }
}
