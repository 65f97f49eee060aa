import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Documents attached to timeline events (股权变更, 产业协议…): bytes in the row, as a qualification's (docs/records.md). */
export class RecordEventDocuments1766743200000 implements MigrationInterface {
  name = 'RecordEventDocuments1766743200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "record_event_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "enterprise_id" uuid, "filename" text NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "content" bytea NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_record_event_documents" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3c5936d42c579d9082354a61ee" ON "record_event_documents" ("event_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_550a8f7edf7a4a765d1d2868b9" ON "record_event_documents" ("enterprise_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_550a8f7edf7a4a765d1d2868b9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3c5936d42c579d9082354a61ee"`);
    await queryRunner.query(`DROP TABLE "record_event_documents"`);
  }
}
