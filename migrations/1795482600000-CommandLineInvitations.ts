import { MigrationInterface, QueryRunner } from "typeorm";

/** `npm run org:create` invites the first admin of an SBB or PLATFORM organization with no inviting user (issue #15). */
export class CommandLineInvitations1795482600000 implements MigrationInterface {
    name = 'CommandLineInvitations1795482600000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invitations" ALTER COLUMN "invited_by_user_id" DROP NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "invitations" WHERE "invited_by_user_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "invitations" ALTER COLUMN "invited_by_user_id" SET NOT NULL`);
    }
}
