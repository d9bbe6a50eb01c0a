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
            "student_id" uuid NOT NULL PRIMARY KEY,
            "locked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
            "locked_by_user_id" uuid)`);
        await queryRunner.query(`ALTER TABLE "student_preference_locks" ADD CONSTRAINT "FK_cd41ec64581bf0f03c75c49f0e5" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE TYPE "student_answer_by" AS ENUM ('STUDENT', 'SCHOOL_ON_BEHALF')`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD "student_answered_by" "student_answer_by"`);
        // A student's own explanations (myMatchExplanation): by student, not only by round and student.
        await queryRunner.query(`CREATE INDEX "IDX_ee21ac6d25e14375e20c94882b" ON "match_explanations" ("student_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_ee21ac6d25e14375e20c94882b"`);
        await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "student_answered_by"`);
        await queryRunner.query(`DROP TYPE "student_answer_by"`);
        await queryRunner.query(`DROP TABLE "student_preference_locks"`);
    }
}
