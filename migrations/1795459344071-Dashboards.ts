import { MigrationInterface, QueryRunner } from "typeorm";

export class Dashboards1795459344071 implements MigrationInterface {
    name = 'Dashboards1795459344071'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "unplaced_student_alerts" ("student_id" uuid NOT NULL, "start_date" date NOT NULL, "school_id" uuid NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4664204dd11d346b0f5bad1ab7" PRIMARY KEY ("student_id", "start_date"))`);
        await queryRunner.query(`CREATE INDEX "IDX_3a42b30841b3d4194bd1f94b82" ON "unplaced_student_alerts"  ("school_id", "notified_at") `);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'STUDENT_WITHOUT_PLACEMENT'`);
        await queryRunner.query(`CREATE INDEX "IDX_7f2d9fb8454e907b8f18979ec8" ON "internships"  ("student_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "unplaced_student_alerts" ADD CONSTRAINT "FK_82b7e88771bd69d346798ed6145" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "unplaced_student_alerts" DROP CONSTRAINT "FK_82b7e88771bd69d346798ed6145"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7f2d9fb8454e907b8f18979ec8"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type" = 'STUDENT_WITHOUT_PLACEMENT'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type" = 'STUDENT_WITHOUT_PLACEMENT'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type" = 'STUDENT_WITHOUT_PLACEMENT'`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED', 'GUIDANCE_BEHIND', 'INTERNSHIP_TERMINATED')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3a42b30841b3d4194bd1f94b82"`);
        await queryRunner.query(`DROP TABLE "unplaced_student_alerts"`);
    }

}
