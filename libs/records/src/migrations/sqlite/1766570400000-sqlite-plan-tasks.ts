import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766570400000-plan-tasks.ts: the plan's tasks. */
export class SqlitePlanTasks1766570400000 implements MigrationInterface {
  name = 'SqlitePlanTasks1766570400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_tasks" ("id" varchar PRIMARY KEY NOT NULL, "year" smallint NOT NULL, "period_kind" varchar(8) NOT NULL, "period_number" smallint, "indicator" varchar(48), "parent_id" varchar, "title" text NOT NULL, "description" text, "owner_name" text NOT NULL, "department" text NOT NULL, "contribution" double precision, "status" varchar(16) NOT NULL, "due_on" date NOT NULL, "completed_on" date, "progress_note" text, "is_demo" boolean NOT NULL DEFAULT (0), "created_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "updated_at" datetime NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')), "deleted_at" datetime)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ad1c7a19538e08a6dec2500890" ON "plan_tasks" ("indicator")`);
    await queryRunner.query(`CREATE INDEX "IDX_d9e47f051c76731e45761bf8ec" ON "plan_tasks" ("parent_id")`);
    await queryRunner.query(`CREATE INDEX "plan_tasks_open" ON "plan_tasks" ("status", "due_on")`);
    await queryRunner.query(
      `CREATE INDEX "plan_tasks_period" ON "plan_tasks" ("year", "period_kind", "period_number")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "plan_tasks_period"`);
    await queryRunner.query(`DROP INDEX "plan_tasks_open"`);
    await queryRunner.query(`DROP INDEX "IDX_d9e47f051c76731e45761bf8ec"`);
    await queryRunner.query(`DROP INDEX "IDX_ad1c7a19538e08a6dec2500890"`);
    await queryRunner.query(`DROP TABLE "plan_tasks"`);
  }
}
