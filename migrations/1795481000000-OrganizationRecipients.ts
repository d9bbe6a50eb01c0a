import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `organization_recipients`, owned by organizations: who can hear of an event, each user with her
 * organization, role and language (what `usersOf` in organizations.facts.ts answers). The
 * dispatcher joins it inside its one insert statement instead of asking `usersOf` first: one round
 * trip less per dispatch batch, and notifications names no table of organizations (issue #14).
 * Organizations keeps these columns meaning the same when it changes `users`.
 */
export class OrganizationRecipients1795481000000 implements MigrationInterface {
    name = 'OrganizationRecipients1795481000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE VIEW "organization_recipients" AS
            SELECT u.id AS user_id, u.organization_id, u.role, u.language FROM users u`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "organization_recipients"`);
    }
}
