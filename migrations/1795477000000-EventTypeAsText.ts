import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Event types become text: the modules register them at boot (their `<module>.events.ts`), so a
 * new event needs no migration. The rows keep their values.
 */
export class EventTypeAsText1795477000000 implements MigrationInterface {
    name = 'EventTypeAsText1795477000000'

    private readonly tables = ['deliveries', 'notification_preferences', 'notifications'];

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of this.tables) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE character varying(64) USING "event_type"::text`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        const known = ['USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING', 'AGREEMENT_PROPOSED', 'AGREEMENT_SIGNED', 'AGREEMENT_EXPIRING', 'AGREEMENT_UNSIGNED', 'AGREEMENT_UNDER_FULFILLED', 'GUIDANCE_BEHIND', 'INTERNSHIP_TERMINATED', 'STUDENT_WITHOUT_PLACEMENT', 'ACCREDITATION_LAPSED', 'ACCREDITATION_REVIEW_DUE', 'DISCRIMINATION_REPORT_ESCALATED', 'COMPANY_WARNED', 'SCHOOL_TASK_CREATED'];
        const list = known.map((type) => `'${type}'`).join(', ');
        await queryRunner.query(`CREATE TYPE "public"."event_type" AS ENUM(${list})`);
        // Rows of types registered after this migration have no enum value to go back to.
        for (const table of this.tables) {
            await queryRunner.query(`DELETE FROM "${table}" WHERE "event_type" NOT IN (${list})`);
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type" USING "event_type"::"public"."event_type"`);
        }
    }

}
