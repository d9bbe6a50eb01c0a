import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * SBB's qualification register (issue #18, R4): kwalificatiedossiers by crebo, one row per version
 * (validity period), and their kerntaken with the werkprocessen (codes B1-K1-W1) as a list.
 * Empty here: SBB fills it (API or file import); the demo seed adds a few dossiers marked `demo`.
 */
export class QualificationRegister1795510000000 implements MigrationInterface {
    name = 'QualificationRegister1795510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "qualification_dossiers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "crebo" character(5) NOT NULL, "name" text NOT NULL, "sector" "public"."sector" NOT NULL, "levels" smallint array NOT NULL, "leerwegen" "public"."leerweg" array NOT NULL, "valid_from" date NOT NULL, "valid_until" date, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "qualification_dossiers_crebo_version" UNIQUE ("crebo", "valid_from"), CONSTRAINT "qualification_dossiers_period" CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from"), CONSTRAINT "qualification_dossiers_crebo_r4" CHECK ("crebo" ~ '^[0-9]{5}$'), CONSTRAINT "PK_84c64c05fa34c05f7c2453e0cee" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "qualification_kerntaken" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dossier_id" uuid NOT NULL, "code" text NOT NULL, "title" text NOT NULL, "werkprocessen" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "qualification_kerntaken_code" UNIQUE ("dossier_id", "code"), CONSTRAINT "PK_5ca12c0c68299c08646bb8bb55c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`ALTER TABLE "qualification_kerntaken" ADD CONSTRAINT "FK_b8556f1a70a02274357311cd6a4" FOREIGN KEY ("dossier_id") REFERENCES "qualification_dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "qualification_kerntaken"`);
        await queryRunner.query(`DROP TABLE "qualification_dossiers"`);
    }
}
