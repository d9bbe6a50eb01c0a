import { MigrationInterface, QueryRunner } from "typeorm";

export class InternshipLifecycle1795456920162 implements MigrationInterface {
    name = 'InternshipLifecycle1795456920162'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."evaluator" AS ENUM('STUDENT', 'TRAINER', 'SCHOOL')`);
        await queryRunner.query(`CREATE TABLE "internship_evaluations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "internship_id" uuid NOT NULL, "evaluator" "public"."evaluator" NOT NULL, "rating" smallint NOT NULL, "satisfied_with_school_guidance" boolean NOT NULL, "satisfied_with_company_guidance" boolean NOT NULL, "comments" text, "recorded_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "internship_evaluations_rating_r19" CHECK ("rating" BETWEEN 1 AND 10), CONSTRAINT "PK_8421679a6f33d2e48fbcfbeb062" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_413ee1f2c0d8733a048ff1d9bb" ON "internship_evaluations"  ("internship_id", "evaluator") `);
        await queryRunner.query(`ALTER TABLE "students" ADD "rematch_priority" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "internships" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "internships" ADD "termination_reason" text`);
        await queryRunner.query(`ALTER TABLE "internships" ADD "terminated_by_organization_id" uuid`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'INTERNSHIP_TERMINATED'`);
        await queryRunner.query(`ALTER TABLE "internship_evaluations" ADD CONSTRAINT "FK_e77a87edac85b3ee180b3041881" FOREIGN KEY ("internship_id") REFERENCES "internships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "internship_evaluations" DROP CONSTRAINT "FK_e77a87edac85b3ee180b3041881"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type"::text LIKE 'INTERNSHIP_%'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type"::text LIKE 'INTERNSHIP_%'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type"::text LIKE 'INTERNSHIP_%'`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED', 'GUIDANCE_BEHIND')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "terminated_by_organization_id"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "termination_reason"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "ended_at"`);
        await queryRunner.query(`ALTER TABLE "students" DROP COLUMN "rematch_priority"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_413ee1f2c0d8733a048ff1d9bb"`);
        await queryRunner.query(`DROP TABLE "internship_evaluations"`);
        await queryRunner.query(`DROP TYPE "public"."evaluator"`);
    }

}
