import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every internship, however it was found (issue #16):
 * - `internship_registrations` (internships): a self-found place the school registers and the
 *   company confirms or declines with a reason code (R21);
 * - an internship comes from a proposal or from a registration (exactly one), and holds a
 *   placement's seat only when it has a placement;
 * - a trainer assignment names the internship it guides (every internship gets one, R6), and has no
 *   placement for a self-found internship recorded on a branch only;
 * - `internship_programmes` takes the branch and crebo of a self-found internship from its registration.
 */
export class SelfFoundInternships1795484000000 implements MigrationInterface {
    name = 'SelfFoundInternships1795484000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."internship_registration_status" AS ENUM('REQUESTED', 'CONFIRMED', 'DECLINED', 'WITHDRAWN')`);
        await queryRunner.query(`CREATE TABLE "internship_registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "student_id" uuid NOT NULL, "school_id" uuid NOT NULL, "company_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "placement_id" uuid, "crebo" character(5) NOT NULL, "level" integer NOT NULL, "leerweg" "public"."leerweg" NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "days_per_week" integer NOT NULL, "hours_per_week" integer NOT NULL, "stipend_monthly_cents" integer NOT NULL, "expense_allowance_cents" integer NOT NULL DEFAULT '0', "employment_contract" boolean NOT NULL DEFAULT false, "werkprocessen" text array NOT NULL DEFAULT '{}', "trainer_id" uuid, "status" "public"."internship_registration_status" NOT NULL DEFAULT 'REQUESTED', "decline_reason" "public"."decline_reason", "decline_note" text, "decided_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_organization_id" uuid, "internship_id" uuid, "registered_by_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d3c0dc0d7f25f3b7bb79079567" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4025a4e0eafac9dedfb5ba8aad" ON "internship_registrations"  ("school_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_659c944f75f22096a9618793fe" ON "internship_registrations"  ("company_id", "status") `);
        await queryRunner.query(`ALTER TABLE "internship_registrations" ADD CONSTRAINT "FK_056af153ea8498d0ff8532575dc" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "internship_registrations" ADD CONSTRAINT "FK_dd24e68b90f41f31822552c576b" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        await queryRunner.query(`ALTER TABLE "internships" ADD "registration_id" uuid`);
        await queryRunner.query(`ALTER TABLE "internships" ADD CONSTRAINT "UQ_c9e29768cffc7c0f03087241a14" UNIQUE ("registration_id")`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "proposal_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "placement_id" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "internships" ADD CONSTRAINT "internships_matched_or_self_found" CHECK ((proposal_id IS NULL) <> (registration_id IS NULL))`);

        await queryRunner.query(`ALTER TABLE "trainer_assignments" ADD "internship_id" uuid`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" ALTER COLUMN "placement_id" DROP NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_91b02be348a161b93ea126d388" ON "trainer_assignments"  ("internship_id") WHERE ended_at IS NULL`);

        await queryRunner.query(`CREATE OR REPLACE VIEW "internship_programmes" AS
            SELECT i.id, i.placement_id, COALESCE(p.branch_id, r.branch_id) AS branch_id, COALESCE(r.crebo, s.crebo) AS crebo, i.start_date, i.status
              FROM internships i
              LEFT JOIN placements p ON p.id = i.placement_id
              LEFT JOIN internship_registrations r ON r.id = i.registration_id
              JOIN students s ON s.id = i.student_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE VIEW "internship_programmes" AS
            SELECT i.id, i.placement_id, p.branch_id, s.crebo, i.start_date, i.status
              FROM internships i JOIN placements p ON p.id = i.placement_id JOIN students s ON s.id = i.student_id`);
        await queryRunner.query(`DELETE FROM "trainer_assignments" WHERE "placement_id" IS NULL`);
        await queryRunner.query(`DROP INDEX "public"."IDX_91b02be348a161b93ea126d388"`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" ALTER COLUMN "placement_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" DROP COLUMN "internship_id"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP CONSTRAINT "internships_matched_or_self_found"`);
        await queryRunner.query(`DELETE FROM "internships" WHERE "registration_id" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "placement_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "proposal_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "internships" DROP CONSTRAINT "UQ_c9e29768cffc7c0f03087241a14"`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "registration_id"`);
        await queryRunner.query(`DROP TABLE "internship_registrations"`);
        await queryRunner.query(`DROP TYPE "public"."internship_registration_status"`);
    }
}
