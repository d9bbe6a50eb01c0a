import { MigrationInterface, QueryRunner } from "typeorm";

/** `organization_recipients` (owned by organizations) lists active users only: a deactivated user hears of nothing (issue #15). */
export class ActiveRecipients1795482000002 implements MigrationInterface {
    name = 'ActiveRecipients1795482000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE VIEW "organization_recipients" AS
            SELECT u.id AS user_id, u.organization_id, u.role, u.language FROM users u WHERE u.deactivated_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE VIEW "organization_recipients" AS
            SELECT u.id AS user_id, u.organization_id, u.role, u.language FROM users u`);
    }
}
