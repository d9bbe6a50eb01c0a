import { MigrationInterface, QueryRunner } from "typeorm";

/** A round's attempt (part of its job id) and the lease its worker renews while it runs (issue #13). */
export class MatchRoundLease1795473000001 implements MigrationInterface {
    name = 'MatchRoundLease1795473000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_rounds" ADD "attempt" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "match_rounds" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "match_rounds" DROP COLUMN "lease_until"`);
        await queryRunner.query(`ALTER TABLE "match_rounds" DROP COLUMN "attempt"`);
    }

}
