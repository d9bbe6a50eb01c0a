import { MigrationInterface, QueryRunner } from "typeorm";

export class ProposalWithdrawn1795460760533 implements MigrationInterface {
    name = 'ProposalWithdrawn1795460760533'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."proposal_status" ADD VALUE 'WITHDRAWN'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // A withdrawn proposal had lapsed; EXPIRED is the nearest earlier status.
        await queryRunner.query(`UPDATE "proposals" SET "status" = 'EXPIRED' WHERE "status" = 'WITHDRAWN'`);
        await queryRunner.query(`CREATE TYPE "public"."proposal_status_old" AS ENUM('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED')`);
        await queryRunner.query(`ALTER TABLE "proposals" ALTER COLUMN "status" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "proposals" ALTER COLUMN "status" TYPE "public"."proposal_status_old" USING "status"::"text"::"public"."proposal_status_old"`);
        await queryRunner.query(`ALTER TABLE "proposals" ALTER COLUMN "status" SET DEFAULT 'OPEN'`);
        await queryRunner.query(`DROP TYPE "public"."proposal_status"`);
        await queryRunner.query(`ALTER TYPE "public"."proposal_status_old" RENAME TO "proposal_status"`);
    }

}
