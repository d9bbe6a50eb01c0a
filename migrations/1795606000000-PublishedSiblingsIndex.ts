import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * R16's siblings (published placements at the same company with the same hours) found by index
 * instead of a scan of every published placement of the batch's companies (issue #14's bench:compliance).
 */
export class PublishedSiblingsIndex1795606000000 implements MigrationInterface {
    name = 'PublishedSiblingsIndex1795606000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "placements_published_siblings" ON "placements" ("company_id", "hours_per_week") WHERE status = 'PUBLISHED'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "placements_published_siblings"`);
    }
}
