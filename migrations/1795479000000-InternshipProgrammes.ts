import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `internship_programmes`, owned by internships: each internship with the branch it is at and the
 * crebo of its student, so that R3's "four years without students" (asked by companies through
 * `AccreditationUse`) reads one read model instead of three modules' tables (issue #14).
 */
export class InternshipProgrammes1795479000000 implements MigrationInterface {
    name = 'InternshipProgrammes1795479000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE VIEW "internship_programmes" AS
            SELECT i.id, i.placement_id, p.branch_id, s.crebo, i.start_date, i.status
              FROM internships i JOIN placements p ON p.id = i.placement_id JOIN students s ON s.id = i.student_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "internship_programmes"`);
    }
}
