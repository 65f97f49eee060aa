import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766484000000-user-departments.ts: a staff user's department. */
export class SqliteUserDepartments1766484000000 implements MigrationInterface {
  name = 'SqliteUserDepartments1766484000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "department" varchar(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "department"`);
  }
}
