import { MigrationInterface, QueryRunner } from "typeorm";

export class AdverseImpactScreening1795476000000 implements MigrationInterface {
    name = 'AdverseImpactScreening1795476000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "adverse_impact_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "company_id" uuid NOT NULL, "ground" character varying(30) NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "false_discovery_rate" double precision NOT NULL, "lowest_impact_ratio" double precision NOT NULL, "interval_low" double precision NOT NULL, "interval_high" double precision NOT NULL, "p_value" double precision NOT NULL, "q_value" double precision NOT NULL, "groups" jsonb NOT NULL, "audited_by" uuid NOT NULL, "flagged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b4f9c74ff9705f81c2a3a63c25" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e2c2ac7572cae672e3a62381a7" ON "adverse_impact_flags"  ("company_id", "flagged_at") `);
        await queryRunner.query(`ALTER TABLE "adverse_impact_flags" ADD CONSTRAINT "FK_bb21635c057b826c159a154b4db" FOREIGN KEY ("company_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "adverse_impact_flags" DROP CONSTRAINT "FK_bb21635c057b826c159a154b4db"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e2c2ac7572cae672e3a62381a7"`);
        await queryRunner.query(`DROP TABLE "adverse_impact_flags"`);
    }

}
