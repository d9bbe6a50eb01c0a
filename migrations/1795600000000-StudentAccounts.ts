import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A student as a user (issue #17): her school invites her; her user and its invitation name the
 * student she is. A STUDENT user is always one student's, and only a STUDENT user is.
 */
export class StudentAccounts1795600000000 implements MigrationInterface {
    name = 'StudentAccounts1795600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "membership_role" ADD VALUE IF NOT EXISTS 'STUDENT'`);
        for (const [table, foreignKey] of [['users', 'FK_4bcc4fd204f448ad671c0747ab4'], ['invitations', 'FK_8e44a266f25a1bbdbea17413220']]) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "student_id" uuid`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${foreignKey}" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
            // Compared as text: an enum value added in this transaction cannot be named in it yet.
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${table}_student_role" CHECK (("student_id" IS NOT NULL) = ("role"::text = 'STUDENT'))`);
        }
        await queryRunner.query(`CREATE UNIQUE INDEX "users_student" ON "users" ("student_id") WHERE "student_id" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "invitations_student" ON "invitations" ("student_id") WHERE "student_id" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "users" WHERE "student_id" IS NOT NULL`);
        await queryRunner.query(`DELETE FROM "invitations" WHERE "student_id" IS NOT NULL`);
        for (const table of ['users', 'invitations']) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "student_id"`);
        }
    }
}
