import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the rules read from a device record besides its reporting interval: a power meter's normal running load
 * (分表计电 sums them per line) and the reference O₂ of an emission device's discharge permit (flue-gas correction).
 */
export class DeviceRuleSettings1765094400000 implements MigrationInterface {
  name = 'DeviceRuleSettings1765094400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" ADD "normal_kw" double precision`);
    await queryRunner.query(`ALTER TABLE "devices" ADD "permit_o2_reference" double precision`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "permit_o2_reference"`);
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "normal_kw"`);
  }
}
