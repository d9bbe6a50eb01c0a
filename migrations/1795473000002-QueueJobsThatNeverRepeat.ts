import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Job ids that cannot repeat and what the reconciler needs to find lost jobs (issue #13): an
 * outbox event's uuid and when it was dispatched, and how often a delivery was retried by hand.
 * Events relayed before this migration count as dispatched.
 */
export class QueueJobsThatNeverRepeat1795473000002 implements MigrationInterface {
    name = 'QueueJobsThatNeverRepeat1795473000002'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox" ADD "event_id" uuid NOT NULL DEFAULT gen_random_uuid()`);
        await queryRunner.query(`ALTER TABLE "outbox" ADD "dispatched_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "outbox" SET "dispatched_at" = "relayed_at" WHERE "relayed_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "outbox_undispatched" ON "outbox" ("id") WHERE relayed_at IS NOT NULL AND dispatched_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "manual_retries" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "deliveries_pending" ON "deliveries" ("updated_at") WHERE status = 'PENDING'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."deliveries_pending"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "manual_retries"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_undispatched"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "dispatched_at"`);
        await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "event_id"`);
    }

}
