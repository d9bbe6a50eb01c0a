import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #16: every notification carries the kind (GraphQL type) and id of the item it is about,
 * so a recipient can open it. Older notifications keep null.
 */
export class NotificationSubjects1795500000000 implements MigrationInterface {
    name = 'NotificationSubjects1795500000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notifications" ADD "subject_kind" character varying(64)`);
        await queryRunner.query(`ALTER TABLE "notifications" ADD "subject_id" uuid`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "subject_id"`);
        await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "subject_kind"`);
    }
}
