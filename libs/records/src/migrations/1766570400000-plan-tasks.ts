import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 计划任务: the plan's yearly, quarterly and monthly tasks with their 责任人 and status (docs/analytics.md). */
export class PlanTasks1766570400000 implements MigrationInterface {
  name = 'PlanTasks1766570400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" smallint NOT NULL, "period_kind" character varying(8) NOT NULL, "period_number" smallint, "indicator" character varying(48), "parent_id" uuid, "title" text NOT NULL, "description" text, "owner_name" text NOT NULL, "department" text NOT NULL, "contribution" double precision, "status" character varying(16) NOT NULL, "due_on" date NOT NULL, "completed_on" date, "progress_note" text, "is_demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_164d68a56870d6f9365c5748d15" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ad1c7a19538e08a6dec2500890" ON "plan_tasks" ("indicator") `);
    await queryRunner.query(`CREATE INDEX "IDX_d9e47f051c76731e45761bf8ec" ON "plan_tasks" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "plan_tasks_open" ON "plan_tasks" ("status", "due_on") `);
    await queryRunner.query(
      `CREATE INDEX "plan_tasks_period" ON "plan_tasks" ("year", "period_kind", "period_number") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."plan_tasks_period"`);
    await queryRunner.query(`DROP INDEX "public"."plan_tasks_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d9e47f051c76731e45761bf8ec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ad1c7a19538e08a6dec2500890"`);
    await queryRunner.query(`DROP TABLE "plan_tasks"`);
  }
}
