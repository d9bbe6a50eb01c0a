import { MigrationInterface, QueryRunner } from "typeorm";

export class Matching1795453876120 implements MigrationInterface {
    name = 'Matching1795453876120'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."internship_status" AS ENUM('ACTIVE', 'COMPLETED', 'TERMINATED')`);
        await queryRunner.query(`CREATE TABLE "internships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "proposal_id" uuid NOT NULL, "student_id" uuid NOT NULL, "placement_id" uuid NOT NULL, "company_id" uuid NOT NULL, "school_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "status" "public"."internship_status" NOT NULL DEFAULT 'ACTIVE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_43eaeb2b5f43fa073768405692d" UNIQUE ("proposal_id"), CONSTRAINT "PK_0a44e3c9dde1f2b92a4eb3c529f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4ce31bd94c6d92b960c4bbe8c8" ON "internships"  ("school_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_48bc2236289d5e344d8b226fbb" ON "internships"  ("company_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_a74f7e849f1b0eff6ca4789b7f" ON "internships"  ("placement_id", "status") `);
        await queryRunner.query(`CREATE TYPE "public"."match_round_status" AS ENUM('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')`);
        await queryRunner.query(`CREATE TABLE "match_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "region" text, "period_from" date NOT NULL, "period_to" date NOT NULL, "status" "public"."match_round_status" NOT NULL DEFAULT 'QUEUED', "lottery_seed" text NOT NULL, "norm_set_version" integer, "input_hash" text, "students" integer NOT NULL DEFAULT '0', "placements" integer NOT NULL DEFAULT '0', "proposals" integer NOT NULL DEFAULT '0', "unmatched" integer NOT NULL DEFAULT '0', "placement_ids" uuid array NOT NULL DEFAULT '{}', "cutoffs" jsonb NOT NULL DEFAULT '{}', "timings" jsonb NOT NULL DEFAULT '{}', "error" text, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_516a1c7bbf04e4e87fb0d1ec36f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "match_explanations" ("round_id" uuid NOT NULL, "student_id" uuid NOT NULL, "placement_id" uuid, "rank" smallint, "ranks" smallint array NOT NULL, "outcomes" text array NOT NULL, "placements" integer array NOT NULL, "priorities" real array NOT NULL, "outside_round" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_6d75efe34ba7db2033a141eaf1d" PRIMARY KEY ("round_id", "student_id"))`);
        await queryRunner.query(`CREATE TABLE "student_preferences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "student_id" uuid NOT NULL, "placement_id" uuid NOT NULL, "rank" smallint NOT NULL, "suggested" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f383c99082f7fb9bcc1fba2969" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f92a881f06e36490e4f0d27ed6" ON "student_preferences"  ("placement_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_12bd25a6c6d2afcf71fba4d7b1" ON "student_preferences"  ("student_id", "placement_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_e83d90e4f984a43f5840628526" ON "student_preferences"  ("student_id", "rank") `);
        await queryRunner.query(`CREATE TYPE "public"."proposal_status" AS ENUM('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED')`);
        await queryRunner.query(`CREATE TYPE "public"."proposal_answer" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED')`);
        await queryRunner.query(`CREATE TYPE "public"."decline_reason" AS ENUM('WERKPROCESSEN_NOT_OFFERED', 'SCHEDULE_INCOMPATIBLE', 'ACCESSIBILITY_NOT_POSSIBLE', 'PLACE_NO_LONGER_AVAILABLE', 'TRAINER_UNAVAILABLE', 'REQUIRED_CERTIFICATE_MISSING')`);
        await queryRunner.query(`CREATE TABLE "proposals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "round_id" uuid NOT NULL, "student_id" uuid NOT NULL, "placement_id" uuid NOT NULL, "company_id" uuid NOT NULL, "school_id" uuid NOT NULL, "pseudonym" text NOT NULL, "rank" smallint NOT NULL, "priority" double precision NOT NULL, "status" "public"."proposal_status" NOT NULL DEFAULT 'OPEN', "company_answer" "public"."proposal_answer" NOT NULL DEFAULT 'PENDING', "decline_reason" "public"."decline_reason", "student_answer" "public"."proposal_answer" NOT NULL DEFAULT 'PENDING', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expiry_reminder_sent_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_9bf176d293e9e97618c6b2224e5" UNIQUE ("pseudonym"), CONSTRAINT "PK_db524c8db8e126a38a2f16d8cac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_df14739c352de9046abf0ffb35" ON "proposals"  ("student_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_4e3586179fa3d98483971bbb8d" ON "proposals"  ("school_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_449725bc75d8b675e6f561713b" ON "proposals"  ("company_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_58934cf1efea05dcf7731b36f8" ON "proposals"  ("placement_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_61b2b99e17b3fd104b3b953c36" ON "proposals"  ("round_id", "student_id") `);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'PROPOSAL_MADE'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'PROPOSAL_ACCEPTED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'PROPOSAL_DECLINED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'PROPOSAL_EXPIRING'`);
        await queryRunner.query(`ALTER TABLE "internships" ADD CONSTRAINT "FK_e233662d571b66327c1212f986f" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "internships" ADD CONSTRAINT "FK_673d602c0e4f7db998ad8059eea" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "match_explanations" ADD CONSTRAINT "FK_9074e4fc04ad921eb526eb3b4b1" FOREIGN KEY ("round_id") REFERENCES "match_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "student_preferences" ADD CONSTRAINT "FK_f516251b33c6720770ec8ec2283" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "student_preferences" ADD CONSTRAINT "FK_f92a881f06e36490e4f0d27ed6c" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "FK_4e3a8ce949ee33b50f48e5372c9" FOREIGN KEY ("round_id") REFERENCES "match_rounds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "FK_c3af478fdd8909364ede73bf52a" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD CONSTRAINT "FK_2d430b86833774f133782b8bdec" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_2d430b86833774f133782b8bdec"`);
        await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_c3af478fdd8909364ede73bf52a"`);
        await queryRunner.query(`ALTER TABLE "proposals" DROP CONSTRAINT "FK_4e3a8ce949ee33b50f48e5372c9"`);
        await queryRunner.query(`ALTER TABLE "student_preferences" DROP CONSTRAINT "FK_f92a881f06e36490e4f0d27ed6c"`);
        await queryRunner.query(`ALTER TABLE "student_preferences" DROP CONSTRAINT "FK_f516251b33c6720770ec8ec2283"`);
        await queryRunner.query(`ALTER TABLE "match_explanations" DROP CONSTRAINT "FK_9074e4fc04ad921eb526eb3b4b1"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP CONSTRAINT "FK_673d602c0e4f7db998ad8059eea"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP CONSTRAINT "FK_e233662d571b66327c1212f986f"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type"::text LIKE 'PROPOSAL_%'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type"::text LIKE 'PROPOSAL_%'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type"::text LIKE 'PROPOSAL_%'`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_61b2b99e17b3fd104b3b953c36"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_58934cf1efea05dcf7731b36f8"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_449725bc75d8b675e6f561713b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4e3586179fa3d98483971bbb8d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_df14739c352de9046abf0ffb35"`);
        await queryRunner.query(`DROP TABLE "proposals"`);
        await queryRunner.query(`DROP TYPE "public"."decline_reason"`);
        await queryRunner.query(`DROP TYPE "public"."proposal_answer"`);
        await queryRunner.query(`DROP TYPE "public"."proposal_status"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e83d90e4f984a43f5840628526"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_12bd25a6c6d2afcf71fba4d7b1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f92a881f06e36490e4f0d27ed6"`);
        await queryRunner.query(`DROP TABLE "student_preferences"`);
        await queryRunner.query(`DROP TABLE "match_explanations"`);
        await queryRunner.query(`DROP TABLE "match_rounds"`);
        await queryRunner.query(`DROP TYPE "public"."match_round_status"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a74f7e849f1b0eff6ca4789b7f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_48bc2236289d5e344d8b226fbb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4ce31bd94c6d92b960c4bbe8c8"`);
        await queryRunner.query(`DROP TABLE "internships"`);
        await queryRunner.query(`DROP TYPE "public"."internship_status"`);
    }

}
