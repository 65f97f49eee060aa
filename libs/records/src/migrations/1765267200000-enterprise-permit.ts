import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An enterprise's discharge-permit limits and reference O₂: the enterprise layer of the emission rules' thresholds. */
export class EnterprisePermit1765267200000 implements MigrationInterface {
  name = 'EnterprisePermit1765267200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enterprises" ADD "permit_limits" jsonb, ADD "permit_o2_reference" double precision`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "enterprises" DROP COLUMN "permit_o2_reference", DROP COLUMN "permit_limits"`,
    );
  }
}
