import { MigrationInterface, QueryRunner } from "typeorm";

export class AccreditationLifecycle1795459369303 implements MigrationInterface {
    name = 'AccreditationLifecycle1795459369303'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "accreditation_refusals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "branch_id" uuid NOT NULL, "company_id" uuid NOT NULL, "crebo" character(5) NOT NULL, "refused_on" date NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1bc9a077fa6efad25a1d1cbc9b6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_6236b35531956728a2fd06de53" ON "accreditation_refusals"  ("company_id", "refused_on") `);
        await queryRunner.query(`CREATE INDEX "IDX_3eb328ded2ac664ecda85bfb51" ON "accreditation_refusals"  ("branch_id", "crebo", "refused_on") `);
        await queryRunner.query(`ALTER TABLE "accreditations" ADD "lapsed_on" date`);
        await queryRunner.query(`CREATE TYPE "public"."accreditation_lapse_reason" AS ENUM('NO_STUDENTS', 'VALIDITY_ENDED')`);
        await queryRunner.query(`ALTER TABLE "accreditations" ADD "lapse_reason" "public"."accreditation_lapse_reason"`);
        await queryRunner.query(`ALTER TABLE "accreditations" ADD "review_notice_sent_for" date`);
        await queryRunner.query(`ALTER TYPE "public"."evaluation_trigger" ADD VALUE 'ACCREDITATION_LAPSED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'ACCREDITATION_LAPSED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'ACCREDITATION_REVIEW_DUE'`);
        await queryRunner.query(`ALTER TABLE "accreditation_refusals" ADD CONSTRAINT "FK_7709174897f8b2658a8cd5e2599" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "accreditation_refusals" ADD CONSTRAINT "FK_bba8faca93c52ffdcaf0ab42652" FOREIGN KEY ("company_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "accreditation_refusals" DROP CONSTRAINT "FK_bba8faca93c52ffdcaf0ab42652"`);
        await queryRunner.query(`ALTER TABLE "accreditation_refusals" DROP CONSTRAINT "FK_7709174897f8b2658a8cd5e2599"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type"::text IN ('ACCREDITATION_LAPSED', 'ACCREDITATION_REVIEW_DUE')`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type"::text IN ('ACCREDITATION_LAPSED', 'ACCREDITATION_REVIEW_DUE')`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type"::text IN ('ACCREDITATION_LAPSED', 'ACCREDITATION_REVIEW_DUE')`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED', 'GUIDANCE_BEHIND', 'INTERNSHIP_TERMINATED', 'STUDENT_WITHOUT_PLACEMENT')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`DELETE FROM "compliance_evaluations" WHERE "trigger"::text = 'ACCREDITATION_LAPSED'`);
        await queryRunner.query(`CREATE TYPE "public"."evaluation_trigger_old" AS ENUM('CREATED', 'UPDATED', 'PUBLISH', 'ACCREDITATION_REVOKED', 'NORM_SET', 'DAILY')`);
        await queryRunner.query(`ALTER TABLE "compliance_evaluations" ALTER COLUMN "trigger" TYPE "public"."evaluation_trigger_old" USING "trigger"::"text"::"public"."evaluation_trigger_old"`);
        await queryRunner.query(`DROP TYPE "public"."evaluation_trigger"`);
        await queryRunner.query(`ALTER TYPE "public"."evaluation_trigger_old" RENAME TO "evaluation_trigger"`);
        await queryRunner.query(`ALTER TABLE "accreditations" DROP COLUMN "review_notice_sent_for"`);
        await queryRunner.query(`ALTER TABLE "accreditations" DROP COLUMN "lapse_reason"`);
        await queryRunner.query(`DROP TYPE "public"."accreditation_lapse_reason"`);
        await queryRunner.query(`ALTER TABLE "accreditations" DROP COLUMN "lapsed_on"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3eb328ded2ac664ecda85bfb51"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6236b35531956728a2fd06de53"`);
        await queryRunner.query(`DROP TABLE "accreditation_refusals"`);
    }

}
