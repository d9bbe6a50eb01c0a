import { MigrationInterface, QueryRunner } from "typeorm";

export class Guidance1795456683852 implements MigrationInterface {
    name = 'Guidance1795456683852'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."contact_type" AS ENUM('START', 'MIDDLE', 'END', 'PROGRESS', 'OTHER')`);
        await queryRunner.query(`CREATE TYPE "public"."contact_participant" AS ENUM('STUDENT', 'SCHOOL', 'COMPANY')`);
        await queryRunner.query(`CREATE TABLE "contact_moments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "internship_id" uuid NOT NULL, "date" date NOT NULL, "type" "public"."contact_type" NOT NULL, "on_site" boolean NOT NULL, "participants" "public"."contact_participant" array NOT NULL, "notes" text, "logged_by_user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c4b7f2439199ac1813709f0b573" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_6f2dcd6bae8838de52a6b9a670" ON "contact_moments"  ("internship_id", "date") `);
        await queryRunner.query(`ALTER TABLE "internships" ADD "midpoint_alert_sent_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'GUIDANCE_BEHIND'`);
        await queryRunner.query(`ALTER TABLE "contact_moments" ADD CONSTRAINT "FK_94142b6532290e0da30b1ae1f8d" FOREIGN KEY ("internship_id") REFERENCES "internships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "contact_moments" DROP CONSTRAINT "FK_94142b6532290e0da30b1ae1f8d"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type" = 'GUIDANCE_BEHIND'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type" = 'GUIDANCE_BEHIND'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type" = 'GUIDANCE_BEHIND'`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "midpoint_alert_sent_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6f2dcd6bae8838de52a6b9a670"`);
        await queryRunner.query(`DROP TABLE "contact_moments"`);
        await queryRunner.query(`DROP TYPE "public"."contact_participant"`);
        await queryRunner.query(`DROP TYPE "public"."contact_type"`);
    }

}
