import type { MigrationInterface, QueryRunner } from 'typeorm';

/** SQLite counterpart of ../1766397600000-parcel-dossier.ts: the parcel's 一地一档 fields, all nullable. */
export class SqliteParcelDossier1766397600000 implements MigrationInterface {
  name = 'SqliteParcelDossier1766397600000';

  private static readonly COLUMNS = [
    `"certificate_no" varchar(64)`,
    `"transfer_date" date`,
    `"transfer_term_years" smallint`,
    `"plot_ratio" double precision`,
    `"investment_intensity" double precision`,
    `"contract_no" varchar(64)`,
    `"contract_terms" text`,
  ];

  public async up(queryRunner: QueryRunner): Promise<void> {
    // SQLite adds one column per ALTER TABLE.
    for (const column of SqliteParcelDossier1766397600000.COLUMNS)
      await queryRunner.query(`ALTER TABLE "land_parcels" ADD COLUMN ${column}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [...SqliteParcelDossier1766397600000.COLUMNS].reverse())
      await queryRunner.query(`ALTER TABLE "land_parcels" DROP COLUMN ${column.split(' ')[0]}`);
  }
}
