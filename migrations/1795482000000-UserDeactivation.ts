import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Accounts (issue #15): `users.deactivated_at` (a deactivated user cannot sign in and her tokens are
 * refused at once), and `password_hash` optional: a user who signs in only through single sign-on
 * has none.
 */
export class UserDeactivation1795482000000 implements MigrationInterface {
    name = 'UserDeactivation1795482000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "deactivated_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "users" SET "password_hash" = '!' WHERE "password_hash" IS NULL`);
        await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "deactivated_at"`);
    }
}
