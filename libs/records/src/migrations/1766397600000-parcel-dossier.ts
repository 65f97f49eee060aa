import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 一地一档 fields of a land parcel: 不动产权证号, 出让日期 and 出让年限 (the end date is computed), 容积率, 投资强度
 * (万元/亩), and the 出让合同 / 产业协议 number and its agreed terms. All optional: existing parcels keep null.
 */
export class ParcelDossier1766397600000 implements MigrationInterface {
  name = 'ParcelDossier1766397600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "land_parcels" ADD "certificate_no" character varying(64), ADD "transfer_date" date, ADD "transfer_term_years" smallint, ADD "plot_ratio" double precision, ADD "investment_intensity" double precision, ADD "contract_no" character varying(64), ADD "contract_terms" text`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "land_parcels" DROP COLUMN "contract_terms", DROP COLUMN "contract_no", DROP COLUMN "investment_intensity", DROP COLUMN "plot_ratio", DROP COLUMN "transfer_term_years", DROP COLUMN "transfer_date", DROP COLUMN "certificate_no"`,
    );
  }
}
