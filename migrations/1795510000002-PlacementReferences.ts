import { MigrationInterface, QueryRunner } from "typeorm";

/** A company's own reference on its placements (issue #18): unique per company, what the bulk import upserts by. */
export class PlacementReferences1795510000002 implements MigrationInterface {
    name = 'PlacementReferences1795510000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "placements" ADD "reference" character varying(60)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "placements_reference_per_company" ON "placements" ("company_id", "reference") WHERE "reference" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "placements_reference_per_company"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "reference"`);
    }
}
