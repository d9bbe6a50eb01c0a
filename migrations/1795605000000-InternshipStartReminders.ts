import { MigrationInterface, QueryRunner } from "typeorm";

/** When the student was reminded that her internship is about to start (issue #17): once per internship. */
export class InternshipStartReminders1795605000000 implements MigrationInterface {
    name = 'InternshipStartReminders1795605000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "internships" ADD "start_reminder_sent_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "start_reminder_sent_at"`);
    }
}
