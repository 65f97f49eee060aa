import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766138400000-projects.ts: projects, their milestones and yearly actuals. */
export class SqliteProjects1766138400000 implements MigrationInterface {
  name = 'SqliteProjects1766138400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "project_actuals" ("id" varchar PRIMARY KEY NOT NULL, "project_id" varchar NOT NULL, "year" smallint NOT NULL, "investment" double precision, "sales" double precision, "tax" double precision, "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "project_actuals_project_year" ON "project_actuals" ("project_id", "year")`,
    );
    await queryRunner.query(
      `CREATE TABLE "project_milestones" ("id" varchar PRIMARY KEY NOT NULL, "project_id" varchar NOT NULL, "title" text NOT NULL, "due_on" date NOT NULL, "done_on" date, "owner_name" text NOT NULL, "department" text NOT NULL, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4072d2ff8e9ee23e9e03e5f672" ON "project_milestones" ("project_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "project_milestones_open" ON "project_milestones" ("done_on", "due_on")`,
    );
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" varchar PRIMARY KEY NOT NULL, "name" text NOT NULL, "enterprise_id" varchar NOT NULL, "parcel_id" varchar, "stage" varchar(16) NOT NULL, "signed_on" date NOT NULL, "started_on" date, "completed_on" date, "producing_on" date, "promised_investment" double precision, "promised_sales" double precision, "promised_tax" double precision, "owner_name" text NOT NULL, "department" text NOT NULL, "note" text, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7fca7a2b1246609deea6a30217" ON "projects" ("enterprise_id")`);
    await queryRunner.query(`CREATE INDEX "IDX_7709fb9cee265b6ab920961bf9" ON "projects" ("parcel_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_7709fb9cee265b6ab920961bf9"`);
    await queryRunner.query(`DROP INDEX "IDX_7fca7a2b1246609deea6a30217"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "project_milestones_open"`);
    await queryRunner.query(`DROP INDEX "IDX_4072d2ff8e9ee23e9e03e5f672"`);
    await queryRunner.query(`DROP TABLE "project_milestones"`);
    await queryRunner.query(`DROP INDEX "project_actuals_project_year"`);
    await queryRunner.query(`DROP TABLE "project_actuals"`);
  }
}
