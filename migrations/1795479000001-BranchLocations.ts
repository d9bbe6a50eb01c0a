import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `branch_locations`, owned by companies: each branch's PC4 centroid and province, so that the
 * placement search (distance from a postcode) reads one read model instead of naming companies'
 * and postcodes' tables (issue #14). A plain view: the planner inlines it into the search's join.
 */
export class BranchLocations1795479000001 implements MigrationInterface {
    name = 'BranchLocations1795479000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE VIEW "branch_locations" AS
            SELECT b.id AS branch_id, b.pc4, pc.lat, pc.lon, pc.province FROM branches b JOIN postcodes pc ON pc.pc4 = b.pc4`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "branch_locations"`);
    }
}
