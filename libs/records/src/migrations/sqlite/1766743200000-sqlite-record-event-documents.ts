import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766743200000-record-event-documents.ts: the events' documents (BLOBs). */
export class SqliteRecordEventDocuments1766743200000 implements MigrationInterface {
  name = 'SqliteRecordEventDocuments1766743200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "record_event_documents" ("id" varchar PRIMARY KEY NOT NULL, "event_id" varchar NOT NULL, "enterprise_id" varchar, "filename" text NOT NULL, "content_type" varchar(100) NOT NULL, "size" integer NOT NULL, "content" blob NOT NULL, "uploaded_by" text NOT NULL, "uploaded_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3c5936d42c579d9082354a61ee" ON "record_event_documents" ("event_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_550a8f7edf7a4a765d1d2868b9" ON "record_event_documents" ("enterprise_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_550a8f7edf7a4a765d1d2868b9"`);
    await queryRunner.query(`DROP INDEX "IDX_3c5936d42c579d9082354a61ee"`);
    await queryRunner.query(`DROP TABLE "record_event_documents"`);
  }
}
