import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The student and her guardian (issue #17): her identity names her guardian (name, e-mail); a POK
 * version the guardian must sign (R8) gets single-use links e-mailed to that address; a student
 * registers a self-found internship herself, which her school approves before the company is asked.
 * The new status values are used from the next migration on (not in this transaction).
 */
export class GuardianSigning1795602000000 implements MigrationInterface {
    name = 'GuardianSigning1795602000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "student_identities" ADD "guardian_name" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "student_identities" ADD "guardian_email" character varying(254)`);
        await queryRunner.query(`ALTER TYPE "internship_registration_status" ADD VALUE IF NOT EXISTS 'AWAITING_SCHOOL'`);
        await queryRunner.query(`ALTER TYPE "internship_registration_status" ADD VALUE IF NOT EXISTS 'REJECTED_BY_SCHOOL'`);
        await queryRunner.query(`ALTER TABLE "internship_registrations" ADD "registered_by_student" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "internship_registrations" ADD "school_rejection_reason" text`);
        await queryRunner.query(`CREATE TABLE "guardian_signing_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pok_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_54cd32ebb92cfdfb8f677a1f220" UNIQUE ("token_hash"), CONSTRAINT "PK_a9626733aa22452912b09422f6a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c12a0e91aac5af50c46933bba0" ON "guardian_signing_links" ("pok_id")`);
        await queryRunner.query(`ALTER TABLE "guardian_signing_links" ADD CONSTRAINT "FK_c12a0e91aac5af50c46933bba04" FOREIGN KEY ("pok_id") REFERENCES "poks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "guardian_signing_links"`);
        await queryRunner.query(`DELETE FROM "internship_registrations" WHERE "status"::text IN ('AWAITING_SCHOOL', 'REJECTED_BY_SCHOOL')`);
        await queryRunner.query(`ALTER TABLE "internship_registrations" DROP COLUMN "school_rejection_reason"`);
        await queryRunner.query(`ALTER TABLE "internship_registrations" DROP COLUMN "registered_by_student"`);
        await queryRunner.query(`ALTER TABLE "student_identities" DROP COLUMN "guardian_email"`);
        await queryRunner.query(`ALTER TABLE "student_identities" DROP COLUMN "guardian_name"`);
    }
}
