import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * R22, issue #17: a student files a discrimination report herself. `filed_by_student` marks it hers
 * (she reads it with `myDiscriminationReports`); `share_identity_with_company` is her consent that the
 * company may learn who reported (default false: it never does). Only a report she filed can carry it.
 */
export class StudentReports1795604000000 implements MigrationInterface {
    name = 'StudentReports1795604000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD "filed_by_student" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD "share_identity_with_company" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "discrimination_reports_consent_r22" CHECK (NOT "share_identity_with_company" OR ("filed_by_student" AND "student_id" IS NOT NULL))`);
        await queryRunner.query(`CREATE INDEX "IDX_discrimination_reports_student_filed" ON "discrimination_reports" ("student_id", "created_at") WHERE "filed_by_student"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_discrimination_reports_student_filed"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "discrimination_reports_consent_r22"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP COLUMN "share_identity_with_company"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP COLUMN "filed_by_student"`);
    }
}
