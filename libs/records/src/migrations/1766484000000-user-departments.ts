import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A staff user's department (园区工作人员所属部门: what they may edit; docs/security-auth.md "Departments"). */
export class UserDepartments1766484000000 implements MigrationInterface {
  name = 'UserDepartments1766484000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "department" character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "department"`);
  }
}
