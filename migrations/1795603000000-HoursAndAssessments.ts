import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #17, hours and assessment (internships owns both): the student logs her hours per week of
 * her internship, per day so R11's per-day limits can be judged; the company approves or rejects
 * each week. The praktijkopleider assesses every werkproces of the POK; the school confirms it.
 * Completion may record why the approved hours fall short of the POK's total.
 */
export class HoursAndAssessments1795603000000 implements MigrationInterface {
    name = 'HoursAndAssessments1795603000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."hour_week_status" AS ENUM('SUBMITTED', 'APPROVED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "internship_hour_weeks" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "internship_id" uuid NOT NULL CONSTRAINT "FK_c83e295f3bfa39cbee3423927e4" REFERENCES "internships" ("id") ON DELETE CASCADE,
            "week_start" date NOT NULL,
            "hours_per_day" real[] NOT NULL,
            "total_hours" real NOT NULL,
            "note" text,
            "status" "public"."hour_week_status" NOT NULL DEFAULT 'SUBMITTED',
            "review_comment" text,
            "reviewed_by_user_id" uuid,
            "reviewed_at" TIMESTAMP WITH TIME ZONE,
            "logged_by_user_id" uuid NOT NULL,
            "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT "internship_hour_weeks_seven_days" CHECK (array_length("hours_per_day", 1) = 7),
            CONSTRAINT "internship_hour_weeks_monday" CHECK (extract(isodow FROM "week_start") = 1),
            CONSTRAINT "internship_hour_weeks_rejected_with_comment" CHECK ("status" <> 'REJECTED' OR "review_comment" IS NOT NULL),
            CONSTRAINT "PK_internship_hour_weeks" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "internship_hour_weeks_one_per_week" ON "internship_hour_weeks" ("internship_id", "week_start")`);

        await queryRunner.query(`CREATE TYPE "public"."assessment_status" AS ENUM('DRAFT', 'CONFIRMED')`);
        await queryRunner.query(`CREATE TYPE "public"."assessment_grade" AS ENUM('ONVOLDOENDE', 'VOLDOENDE', 'GOED')`);
        await queryRunner.query(`CREATE TABLE "internship_assessments" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "internship_id" uuid NOT NULL CONSTRAINT "FK_f28b4888cd1b2ce6c8d969166fd" REFERENCES "internships" ("id") ON DELETE CASCADE,
            "status" "public"."assessment_status" NOT NULL DEFAULT 'DRAFT',
            "pok_version" smallint,
            "confirmed_by_user_id" uuid,
            "confirmed_at" TIMESTAMP WITH TIME ZONE,
            "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            CONSTRAINT "internship_assessments_confirmed" CHECK (("status" = 'CONFIRMED') = ("confirmed_at" IS NOT NULL)),
            CONSTRAINT "PK_internship_assessments" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "internship_assessments_one_per_internship" ON "internship_assessments" ("internship_id")`);
        await queryRunner.query(`CREATE TABLE "internship_assessment_items" (
            "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            "assessment_id" uuid NOT NULL CONSTRAINT "FK_1cdb3bd7e3406fb71773811f529" REFERENCES "internship_assessments" ("id") ON DELETE CASCADE,
            "werkproces" text NOT NULL,
            "grade" "public"."assessment_grade" NOT NULL,
            "comment" text NOT NULL,
            "assessed_by_user_id" uuid NOT NULL,
            "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
            CONSTRAINT "PK_internship_assessment_items" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "internship_assessment_items_one_per_werkproces" ON "internship_assessment_items" ("assessment_id", "werkproces")`);

        await queryRunner.query(`ALTER TABLE "internships" ADD "hours_shortfall_reason" text`);
        // The compliance findings on her actual hours (R8, R10–R12), judged again whenever a week changes.
        await queryRunner.query(`ALTER TABLE "internships" ADD "hours_findings" jsonb NOT NULL DEFAULT '[]'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "hours_findings"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "hours_shortfall_reason"`);
        await queryRunner.query(`DROP TABLE "internship_assessment_items"`);
        await queryRunner.query(`DROP TABLE "internship_assessments"`);
        await queryRunner.query(`DROP TYPE "public"."assessment_grade"`);
        await queryRunner.query(`DROP TYPE "public"."assessment_status"`);
        await queryRunner.query(`DROP TABLE "internship_hour_weeks"`);
        await queryRunner.query(`DROP TYPE "public"."hour_week_status"`);
    }
}
