import { MigrationInterface, QueryRunner } from "typeorm";

export class Praktijkovereenkomst1795456247535 implements MigrationInterface {
    name = 'Praktijkovereenkomst1795456247535'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."pok_status" AS ENUM('PENDING', 'SIGNED', 'SUPERSEDED')`);
        await queryRunner.query(`CREATE TABLE "poks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "internship_id" uuid NOT NULL, "version" smallint NOT NULL, "status" "public"."pok_status" NOT NULL DEFAULT 'PENDING', "terms" jsonb NOT NULL, "guardian_required" boolean NOT NULL, "signatures" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_664923a3aff36aa49802aab16f2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_757e1318cbedd164d304e975b6" ON "poks"  ("internship_id", "version") `);
        await queryRunner.query(`ALTER TABLE "internships" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
        // A new type rather than ADD VALUE: the new value is used (as the default) in this same transaction.
        await queryRunner.query(`CREATE TYPE "public"."internship_status_new" AS ENUM('PLANNED', 'ACTIVE', 'COMPLETED', 'TERMINATED')`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" TYPE "public"."internship_status_new" USING "status"::"text"::"public"."internship_status_new"`);
        await queryRunner.query(`DROP TYPE "public"."internship_status"`);
        await queryRunner.query(`ALTER TYPE "public"."internship_status_new" RENAME TO "internship_status"`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" SET DEFAULT 'PLANNED'`);
        await queryRunner.query(`ALTER TABLE "poks" ADD CONSTRAINT "FK_89338e8194f95197f279e65f44d" FOREIGN KEY ("internship_id") REFERENCES "internships"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "poks" DROP CONSTRAINT "FK_89338e8194f95197f279e65f44d"`);
        await queryRunner.query(`UPDATE "internships" SET "status" = 'ACTIVE' WHERE "status" = 'PLANNED'`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" DROP DEFAULT`);
        await queryRunner.query(`CREATE TYPE "public"."internship_status_old" AS ENUM('ACTIVE', 'COMPLETED', 'TERMINATED')`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" TYPE "public"."internship_status_old" USING "status"::"text"::"public"."internship_status_old"`);
        await queryRunner.query(`DROP TYPE "public"."internship_status"`);
        await queryRunner.query(`ALTER TYPE "public"."internship_status_old" RENAME TO "internship_status"`);
        await queryRunner.query(`ALTER TABLE "internships" ALTER COLUMN "status" SET DEFAULT 'ACTIVE'`);
        await queryRunner.query(`ALTER TABLE "internships" DROP COLUMN "started_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_757e1318cbedd164d304e975b6"`);
        await queryRunner.query(`DROP TABLE "poks"`);
        await queryRunner.query(`DROP TYPE "public"."pok_status"`);
    }

}
