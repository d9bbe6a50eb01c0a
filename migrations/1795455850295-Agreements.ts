import { MigrationInterface, QueryRunner } from "typeorm";

export class Agreements1795455850295 implements MigrationInterface {
    name = 'Agreements1795455850295'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."agreement_status" AS ENUM('DRAFT', 'PROPOSED', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED', 'SUPERSEDED')`);
        await queryRunner.query(`CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "lineage_id" uuid NOT NULL, "version" smallint NOT NULL, "school_id" uuid NOT NULL, "company_id" uuid NOT NULL, "status" "public"."agreement_status" NOT NULL DEFAULT 'DRAFT', "start_date" date NOT NULL, "end_date" date NOT NULL, "contacts_per_period" smallint NOT NULL, "trainer_training" boolean NOT NULL, "minimum_stipend_monthly_cents" integer NOT NULL, "blind_matching" boolean NOT NULL, "created_by_user_id" uuid NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE, "school_signed_by_user_id" uuid, "school_signed_at" TIMESTAMP WITH TIME ZONE, "company_signed_by_user_id" uuid, "company_signed_at" TIMESTAMP WITH TIME ZONE, "terminated_at" TIMESTAMP WITH TIME ZONE, "termination_reason" text, "notice_date" date, "reminders_sent" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "agreements_term" CHECK ("end_date" > "start_date"), CONSTRAINT "agreements_contacts_r17" CHECK ("contacts_per_period" >= 3), CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_c6dade36e68d872b0f5f8dfcaa" ON "agreements"  ("company_id", "status") `);
        await queryRunner.query(`CREATE INDEX "IDX_953cd52ed78fe6d93e05f0fc41" ON "agreements"  ("school_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dca093e8ff57c41e572a776373" ON "agreements"  ("lineage_id", "version") `);
        await queryRunner.query(`CREATE TABLE "agreement_commitments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "school_year" smallint NOT NULL, "crebo" character(5) NOT NULL, "leerweg" "public"."leerweg" NOT NULL, "places" integer NOT NULL, CONSTRAINT "agreement_commitments_places" CHECK ("places" > 0), CONSTRAINT "PK_db22b12e13956641600da998623" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_dbc005aaec628bf7ff9970b696" ON "agreement_commitments"  ("agreement_id", "school_year", "crebo", "leerweg") `);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'AGREEMENT_PROPOSED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'AGREEMENT_SIGNED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'AGREEMENT_EXPIRING'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'AGREEMENT_UNSIGNED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'AGREEMENT_UNDER_FULFILLED'`);
        await queryRunner.query(`ALTER TABLE "agreements" ADD CONSTRAINT "FK_83b7ac4f51e311cdb902b47d94a" FOREIGN KEY ("school_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreements" ADD CONSTRAINT "FK_62928c21e195af37bc61fda9b7d" FOREIGN KEY ("company_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_commitments" ADD CONSTRAINT "FK_a47c2eced9b3934f92918cb486e" FOREIGN KEY ("agreement_id") REFERENCES "agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agreement_commitments" DROP CONSTRAINT "FK_a47c2eced9b3934f92918cb486e"`);
        await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "FK_62928c21e195af37bc61fda9b7d"`);
        await queryRunner.query(`ALTER TABLE "agreements" DROP CONSTRAINT "FK_83b7ac4f51e311cdb902b47d94a"`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type"::text LIKE 'AGREEMENT_%'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type"::text LIKE 'AGREEMENT_%'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type"::text LIKE 'AGREEMENT_%'`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED', 'PLACEMENT_SUSPENDED', 'PROPOSAL_MADE', 'PROPOSAL_ACCEPTED', 'PROPOSAL_DECLINED', 'PROPOSAL_EXPIRING')`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dbc005aaec628bf7ff9970b696"`);
        await queryRunner.query(`DROP TABLE "agreement_commitments"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dca093e8ff57c41e572a776373"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_953cd52ed78fe6d93e05f0fc41"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c6dade36e68d872b0f5f8dfcaa"`);
        await queryRunner.query(`DROP TABLE "agreements"`);
        await queryRunner.query(`DROP TYPE "public"."agreement_status"`);
    }

}
