import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Completion and termination codes (issue #16): why an internship ended early, as a code the
 * terminations report counts (the note stays in `termination_reason`), and why one was completed
 * before its end date (required then, audited).
 */
export class InternshipEndCodes1795484000001 implements MigrationInterface {
    name = 'InternshipEndCodes1795484000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."internship_termination_code" AS ENUM('STUDENT_CHOICE', 'COMPANY_STOPPED', 'GUIDANCE_INSUFFICIENT', 'CONDUCT', 'HEALTH', 'DISCRIMINATION', 'OTHER')`);
        await queryRunner.query(`ALTER TABLE "internships" ADD "termination_code" "public"."internship_termination_code"`);
        await queryRunner.query(`CREATE TYPE "public"."internship_early_completion_reason" AS ENUM('HOURS_COMPLETED', 'QUALIFICATION_ACHIEVED', 'PERIOD_SHORTENED_BY_SCHOOL')`);
        await queryRunner.query(`ALTER TABLE "internships" ADD "early_completion_reason" "public"."internship_early_completion_reason"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "early_completion_reason"`);
        await queryRunner.query(`DROP TYPE "public"."internship_early_completion_reason"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "termination_code"`);
        await queryRunner.query(`DROP TYPE "public"."internship_termination_code"`);
    }
}
