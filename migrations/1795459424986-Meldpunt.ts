import { MigrationInterface, QueryRunner } from "typeorm";

export class Meldpunt1795459424986 implements MigrationInterface {
    name = 'Meldpunt1795459424986'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."discrimination_ground" AS ENUM('RACE_OR_ORIGIN', 'NATIONALITY', 'RELIGION_OR_BELIEF', 'GENDER', 'SEXUAL_ORIENTATION', 'DISABILITY_OR_CHRONIC_ILLNESS', 'AGE', 'MARITAL_STATUS', 'POLITICAL_OPINION', 'OTHER')`);
        await queryRunner.query(`CREATE TYPE "public"."discrimination_report_status" AS ENUM('RECEIVED', 'INVESTIGATING', 'RESOLVED', 'ESCALATED_TO_SBB', 'SANCTIONED')`);
        await queryRunner.query(`CREATE TYPE "public"."report_sanction" AS ENUM('WARNING', 'REVOCATION')`);
        await queryRunner.query(`CREATE TABLE "discrimination_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "school_id" uuid NOT NULL, "reported_by_user_id" uuid NOT NULL, "student_id" uuid, "company_id" uuid NOT NULL, "placement_id" uuid, "internship_id" uuid, "ground" "public"."discrimination_ground" NOT NULL, "description" text NOT NULL, "incident_date" date NOT NULL, "status" "public"."discrimination_report_status" NOT NULL DEFAULT 'RECEIVED', "no_student_link" boolean NOT NULL, "resolution_note" text, "sanction" "public"."report_sanction", "sanction_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "discrimination_reports_sanction_r22" CHECK (("status" = 'SANCTIONED') = ("sanction" IS NOT NULL)), CONSTRAINT "PK_afe4af22d9e50119dc8bc5f12c4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_8aa0385bdc61418019dc53746e" ON "discrimination_reports"  ("status", "created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_bd44be4ad06179422a9f0c3be1" ON "discrimination_reports"  ("company_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_3ed4c5f618f5bb57c7982c3b7c" ON "discrimination_reports"  ("school_id", "status") `);
        await queryRunner.query(`CREATE TABLE "discrimination_report_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "from_status" "public"."discrimination_report_status", "to_status" "public"."discrimination_report_status" NOT NULL, "by_user_id" uuid NOT NULL, "by_organization_id" uuid NOT NULL, "note" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_86ec3ba7e43c9bbdf9ea8bb1472" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e2063b524021bdc03cdbec81fd" ON "discrimination_report_transitions"  ("report_id", "at") `);
        await queryRunner.query(`CREATE TYPE "public"."school_task_kind" AS ENUM('AFTERCARE', 'REPLACEMENT_SEARCH')`);
        await queryRunner.query(`CREATE TYPE "public"."school_task_status" AS ENUM('OPEN', 'DONE')`);
        await queryRunner.query(`CREATE TABLE "school_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."school_task_kind" NOT NULL, "status" "public"."school_task_status" NOT NULL DEFAULT 'OPEN', "school_id" uuid NOT NULL, "student_id" uuid, "report_id" uuid, "placement_id" uuid, "internship_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_user_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "completed_by_user_id" uuid, "completion_note" text, CONSTRAINT "school_tasks_completed" CHECK (("status" = 'DONE') = ("completed_at" IS NOT NULL)), CONSTRAINT "PK_7b94ca0d9c022ad0746850d61a4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7ac8aea89872ff7b8aa0acde9c" ON "school_tasks"  ("student_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "school_tasks_one_open_replacement_search" ON "school_tasks"  ("student_id", "placement_id") WHERE kind = 'REPLACEMENT_SEARCH' AND status = 'OPEN'`);
        await queryRunner.query(`CREATE INDEX "IDX_1e74ce0c0a4e0295a889f2da62" ON "school_tasks"  ("school_id", "status", "created_at") `);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'DISCRIMINATION_REPORT_ESCALATED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'COMPANY_WARNED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'SCHOOL_TASK_CREATED'`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "FK_7ebc47d2c8d74c50164bfb5f869" FOREIGN KEY ("school_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "FK_c739ca5cae5830627be11be7870" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "FK_c449ca068f67ecb7409fc4d5aa9" FOREIGN KEY ("company_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "FK_419f105304c1d6d6c65b74267ad" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" ADD CONSTRAINT "FK_c439f882f0c66aa446c134f42de" FOREIGN KEY ("internship_id") REFERENCES "internships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "discrimination_report_transitions" ADD CONSTRAINT "FK_05e39fdb4f892de60a2f5f35ae1" FOREIGN KEY ("report_id") REFERENCES "discrimination_reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "school_tasks" ADD CONSTRAINT "FK_15b44d864e2d29c3d13c5449ed5" FOREIGN KEY ("school_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "school_tasks" ADD CONSTRAINT "FK_7ac8aea89872ff7b8aa0acde9c8" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "school_tasks" ADD CONSTRAINT "FK_0bf68908cbc041b4b6419e4334f" FOREIGN KEY ("report_id") REFERENCES "discrimination_reports"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "school_tasks" ADD CONSTRAINT "FK_734b5161a35faf924ff32ba1eaa" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "school_tasks" ADD CONSTRAINT "FK_4f422e802e99ec0d7eed21b1a51" FOREIGN KEY ("internship_id") REFERENCES "internships"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "school_tasks" DROP CONSTRAINT "FK_4f422e802e99ec0d7eed21b1a51"`);
        await queryRunner.query(`ALTER TABLE "school_tasks" DROP CONSTRAINT "FK_734b5161a35faf924ff32ba1eaa"`);
        await queryRunner.query(`ALTER TABLE "school_tasks" DROP CONSTRAINT "FK_0bf68908cbc041b4b6419e4334f"`);
        await queryRunner.query(`ALTER TABLE "school_tasks" DROP CONSTRAINT "FK_7ac8aea89872ff7b8aa0acde9c8"`);
        await queryRunner.query(`ALTER TABLE "school_tasks" DROP CONSTRAINT "FK_15b44d864e2d29c3d13c5449ed5"`);
        await queryRunner.query(`ALTER TABLE "discrimination_report_transitions" DROP CONSTRAINT "FK_05e39fdb4f892de60a2f5f35ae1"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "FK_c439f882f0c66aa446c134f42de"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "FK_419f105304c1d6d6c65b74267ad"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "FK_c449ca068f67ecb7409fc4d5aa9"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "FK_c739ca5cae5830627be11be7870"`);
        await queryRunner.query(`ALTER TABLE "discrimination_reports" DROP CONSTRAINT "FK_7ebc47d2c8d74c50164bfb5f869"`);
        const added = `('DISCRIMINATION_REPORT_ESCALATED', 'COMPANY_WARNED', 'SCHOOL_TASK_CREATED')`;
        for (const table of ['notifications', 'deliveries', 'notification_preferences']) {
            await queryRunner.query(`DELETE FROM "${table}" WHERE "event_type"::text IN ${added}`);
        }
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED', 'GUIDANCE_BEHIND', 'INTERNSHIP_TERMINATED', 'STUDENT_WITHOUT_PLACEMENT', 'ACCREDITATION_LAPSED', 'ACCREDITATION_REVIEW_DUE')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1e74ce0c0a4e0295a889f2da62"`);
        await queryRunner.query(`DROP INDEX "public"."school_tasks_one_open_replacement_search"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7ac8aea89872ff7b8aa0acde9c"`);
        await queryRunner.query(`DROP TABLE "school_tasks"`);
        await queryRunner.query(`DROP TYPE "public"."school_task_status"`);
        await queryRunner.query(`DROP TYPE "public"."school_task_kind"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e2063b524021bdc03cdbec81fd"`);
        await queryRunner.query(`DROP TABLE "discrimination_report_transitions"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3ed4c5f618f5bb57c7982c3b7c"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bd44be4ad06179422a9f0c3be1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8aa0385bdc61418019dc53746e"`);
        await queryRunner.query(`DROP TABLE "discrimination_reports"`);
        await queryRunner.query(`DROP TYPE "public"."report_sanction"`);
        await queryRunner.query(`DROP TYPE "public"."discrimination_report_status"`);
        await queryRunner.query(`DROP TYPE "public"."discrimination_ground"`);
    }

}
