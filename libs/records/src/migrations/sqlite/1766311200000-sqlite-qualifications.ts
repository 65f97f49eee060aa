import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766311200000-qualifications.ts: qualifications and their documents (BLOBs). */
export class SqliteQualifications1766311200000 implements MigrationInterface {
  name = 'SqliteQualifications1766311200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "qualifications" ("id" varchar PRIMARY KEY NOT NULL, "enterprise_id" varchar NOT NULL, "type" varchar(32) NOT NULL, "level" varchar(16), "certificate_no" varchar(64) NOT NULL, "issued_on" date NOT NULL, "expires_on" date, "note" text, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c88dd4901e3b93e2523d2b90f5" ON "qualifications" ("enterprise_id")`,
    );
    await queryRunner.query(`CREATE INDEX "qualifications_expiry" ON "qualifications" ("expires_on")`);
    await queryRunner.query(
      `CREATE TABLE "qualification_documents" ("id" varchar PRIMARY KEY NOT NULL, "qualification_id" varchar NOT NULL, "enterprise_id" varchar NOT NULL, "filename" text NOT NULL, "content_type" varchar(100) NOT NULL, "size" integer NOT NULL, "content" blob NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a82c9791b12d1949d41f8d0fc9" ON "qualification_documents" ("qualification_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_a82c9791b12d1949d41f8d0fc9"`);
    await queryRunner.query(`DROP TABLE "qualification_documents"`);
    await queryRunner.query(`DROP INDEX "qualifications_expiry"`);
    await queryRunner.query(`DROP INDEX "IDX_c88dd4901e3b93e2523d2b90f5"`);
    await queryRunner.query(`DROP TABLE "qualifications"`);
  }
}
