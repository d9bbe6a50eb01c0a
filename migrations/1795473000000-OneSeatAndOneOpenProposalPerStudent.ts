import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A student holds at most one seat and waits for at most one proposal (issue #13). Rounds run by
 * several workers at once could break both; this migration stops if they did, naming the
 * students, so an operator decides what to withdraw or terminate before it runs again.
 */
export class OneSeatAndOneOpenProposalPerStudent1795473000000 implements MigrationInterface {
    name = 'OneSeatAndOneOpenProposalPerStudent1795473000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const duplicates: { kind: string; student_id: string; n: number }[] = await queryRunner.query(`
            SELECT 'seat-holding internships' AS kind, student_id, count(*)::int AS n FROM internships WHERE status IN ('PLANNED', 'ACTIVE') GROUP BY student_id HAVING count(*) > 1
            UNION ALL
            SELECT 'OPEN proposals', student_id, count(*)::int FROM proposals WHERE status = 'OPEN' GROUP BY student_id HAVING count(*) > 1
            ORDER BY 1, 2 LIMIT 20`);
        if (duplicates.length) {
            const list = duplicates.map((row) => `student ${row.student_id}: ${row.n} ${row.kind}`).join('; ');
            throw new Error(`Students with more than one seat or OPEN proposal (terminate or withdraw the extra ones, then migrate again): ${list}`);
        }
        await queryRunner.query(`CREATE UNIQUE INDEX "internships_one_seat_per_student" ON "internships" ("student_id") WHERE status IN ('PLANNED', 'ACTIVE')`);
        await queryRunner.query(`CREATE UNIQUE INDEX "proposals_one_open_per_student" ON "proposals" ("student_id") WHERE status = 'OPEN'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."proposals_one_open_per_student"`);
        await queryRunner.query(`DROP INDEX "public"."internships_one_seat_per_student"`);
    }

}
