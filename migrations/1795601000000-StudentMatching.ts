import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The student in matching (issue #17): her school may lock her preference list before a round
 * (one row per locked list, so an empty list can be locked too and replacing the entries keeps
 * the lock), and a proposal records who gave the student's answer: she herself, or her school
 * on her behalf (a student without an active account).
 */
export class StudentMatching1795601000000 implements MigrationInterface {
    name = 'StudentMatching1795601000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "student_preference_locks" (
            "student_id" uuid NOT NULL PRIMARY KEY REFERENCES "students" ("id") ON DELETE CASCADE,
            "locked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
            "locked_by_user_id" uuid)`);
        await queryRunner.query(`CREATE TYPE "student_answer_by" AS ENUM ('STUDENT', 'SCHOOL_ON_BEHALF')`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD "student_answered_by" "student_answer_by"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "student_answered_by"`);
        await queryRunner.query(`DROP TYPE "student_answer_by"`);
        await queryRunner.query(`DROP TABLE "student_preference_locks"`);
    }
}
