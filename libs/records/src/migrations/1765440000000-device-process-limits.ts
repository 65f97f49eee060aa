import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A device's process safety set points (H/HH/L/LL, hysteresis, delay) per metric: the device layer of the
 * process-limit rules, which ship no park-wide set point (docs/rules.md, "Process safety limits").
 */
export class DeviceProcessLimits1765440000000 implements MigrationInterface {
  name = 'DeviceProcessLimits1765440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" ADD "process_limits" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "devices" DROP COLUMN "process_limits"`);
  }
}
