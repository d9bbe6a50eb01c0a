import { MigrationInterface, QueryRunner } from "typeorm";

export class AdverseImpactAudit1795459329504 implements MigrationInterface {
    name = 'AdverseImpactAudit1795459329504'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The adverse-impact audit recomputes blind indexes in SQL (R23, R24): hmac() from pgcrypto.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
        await queryRunner.query(`ALTER TABLE "proposals" ADD "company_answered_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "protected_attributes" ADD "migration_background_index" bytea`);
        await queryRunner.query(`ALTER TABLE "protected_attributes" ADD "gender_index" bytea`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "protected_attributes" DROP COLUMN "gender_index"`);
        await queryRunner.query(`ALTER TABLE "protected_attributes" DROP COLUMN "migration_background_index"`);
        await queryRunner.query(`ALTER TABLE "proposals" DROP COLUMN "company_answered_at"`);
        await queryRunner.query(`DROP EXTENSION IF EXISTS pgcrypto`);
    }

}
