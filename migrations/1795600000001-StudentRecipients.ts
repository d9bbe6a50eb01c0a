import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `organization_recipients` (owned by organizations) names the student a STUDENT user is (issue #17).
 * An event told to a school reaches its staff only: a student hears of what is about her, addressed
 * to her by student id, never of what her school is told.
 */
export class StudentRecipients1795600000001 implements MigrationInterface {
    name = 'StudentRecipients1795600000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE OR REPLACE VIEW "organization_recipients" AS
            SELECT u.id AS user_id, u.organization_id, u.role, u.language, u.student_id FROM users u WHERE u.deactivated_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "organization_recipients"`);
        await queryRunner.query(`CREATE VIEW "organization_recipients" AS
            SELECT u.id AS user_id, u.organization_id, u.role, u.language FROM users u WHERE u.deactivated_at IS NULL`);
    }
}
