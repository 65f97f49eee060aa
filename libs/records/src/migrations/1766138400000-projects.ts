import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 重点项目: projects (签约 → 开工 → 竣工 → 达产), their milestones and yearly actuals (docs/records.md "Projects"). */
export class Projects1766138400000 implements MigrationInterface {
  name = 'Projects1766138400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "project_actuals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "year" smallint NOT NULL, "investment" double precision, "sales" double precision, "tax" double precision, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba3c03b75d3ba882ce43fb7cc43" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "project_actuals_project_year" ON "project_actuals" ("project_id", "year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "project_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "project_id" uuid NOT NULL, "title" text NOT NULL, "due_on" date NOT NULL, "done_on" date, "owner_name" text NOT NULL, "department" text NOT NULL, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0c561300a12c6ba3ad793dff4b8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4072d2ff8e9ee23e9e03e5f672" ON "project_milestones" ("project_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "project_milestones_open" ON "project_milestones" ("done_on", "due_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "enterprise_id" uuid NOT NULL, "parcel_id" uuid, "stage" character varying(16) NOT NULL, "signed_on" date NOT NULL, "started_on" date, "completed_on" date, "producing_on" date, "promised_investment" double precision, "promised_sales" double precision, "promised_tax" double precision, "owner_name" text NOT NULL, "department" text NOT NULL, "note" text, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_7fca7a2b1246609deea6a30217" ON "projects" ("enterprise_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_7709fb9cee265b6ab920961bf9" ON "projects" ("parcel_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_7709fb9cee265b6ab920961bf9"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7fca7a2b1246609deea6a30217"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "public"."project_milestones_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4072d2ff8e9ee23e9e03e5f672"`);
    await queryRunner.query(`DROP TABLE "project_milestones"`);
    await queryRunner.query(`DROP INDEX "public"."project_actuals_project_year"`);
    await queryRunner.query(`DROP TABLE "project_actuals"`);
  }
}
