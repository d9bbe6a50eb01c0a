import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A snapshot, not an import: a migration must mean the same thing forever. Norm set version 1 as
 * stored, the one source of these figures (unit tests read them from here).
 */
export const NORMS_V1 = {"stipendFloorCentsPerMonth": 40000, "fullTimeHoursPerWeek": 40, "bolMaxHoursPerWeek": 40, "bolWarnAboveHoursPerWeek": 32, "minorMaxHoursPerDay": 9, "minorMaxHoursPerWeek": 45, "minorMaxAverageHoursPerWeek": 40, "adultMaxHoursPerDay": 12, "adultMaxHoursPerWeek": 60, "maxStudentsPerTrainer": 3, "maxStudentsPerTrainerBySector": {"TECHNIEK_GEBOUWDE_OMGEVING": 3}, "bblMinimumBpvHoursPerYear": 610, "weeksPerStudyYear": 40, "minimumWageCentsPerHourByAge": {"15": 441, "16": 507, "17": 581, "18": 736, "19": 883, "20": 1177, "21": 1471}, "severities": {"R1": "BLOCK", "R4": "BLOCK", "R5": "BLOCK", "R6": "BLOCK", "R7": "BLOCK", "R10": "WARN", "R11": "BLOCK", "R12": "BLOCK", "R13": "BLOCK", "R14": "BLOCK", "R15": "BLOCK", "R16": "WARN"}};

export class ComplianceEngine1795450773486 implements MigrationInterface {
    name = 'ComplianceEngine1795450773486'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "trainer_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "trainer_id" uuid NOT NULL, "placement_id" uuid NOT NULL, "student_id" uuid NOT NULL, "company_id" uuid NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_21a01186635e7e6741be63883eb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_8ce5ced904d47b168ca8d557a0" ON "trainer_assignments"  ("placement_id", "student_id") WHERE ended_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_c4ffd5f609e77041a46b9dd9b2" ON "trainer_assignments"  ("trainer_id", "start_date", "end_date") WHERE ended_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "norm_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "effective_from" date NOT NULL, "norms" jsonb NOT NULL, "note" text NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reevaluated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_83eb95e5213b2c7dae88d99dc4c" UNIQUE ("version"), CONSTRAINT "UQ_217d1a6aa8b9d4cebfaec87cd91" UNIQUE ("effective_from"), CONSTRAINT "PK_b4400a4f1c02b436cc8eb5b5ab6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TYPE "public"."evaluation_trigger" AS ENUM('CREATED', 'UPDATED', 'PUBLISH', 'ACCREDITATION_REVOKED', 'NORM_SET', 'DAILY')`);
        await queryRunner.query(`CREATE TYPE "public"."compliance_status" AS ENUM('COMPLIANT', 'WARNINGS', 'BLOCKED', 'SUSPENDED')`);
        await queryRunner.query(`CREATE TABLE "compliance_evaluations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "placement_id" uuid NOT NULL, "company_id" uuid NOT NULL, "norm_set_id" uuid NOT NULL, "norm_set_version" integer NOT NULL, "trigger" "public"."evaluation_trigger" NOT NULL, "verdict" "public"."compliance_status" NOT NULL, "findings" jsonb NOT NULL, "evaluated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9756ead7b2456eda5228a88d8f8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e488df9ed8d82bda081d75cd0f" ON "compliance_evaluations"  ("company_id", "evaluated_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_d84f9393afef74f6f778c49707" ON "compliance_evaluations"  ("placement_id", "evaluated_at") `);
        await queryRunner.query(`ALTER TABLE "placements" ADD "suspended_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "placements" ADD "compliance_status" "public"."compliance_status" NOT NULL DEFAULT 'BLOCKED'`);
        await queryRunner.query(`ALTER TABLE "placements" ADD "compliance_findings" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "placements" ADD "compliance_rules" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "placements" ADD "norm_set_version" integer`);
        await queryRunner.query(`ALTER TABLE "placements" ADD "evaluated_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TYPE "public"."placement_status" ADD VALUE 'SUSPENDED'`);
        await queryRunner.query(`ALTER TYPE "public"."event_type" ADD VALUE 'PLACEMENT_SUSPENDED'`);
        await queryRunner.query(`CREATE INDEX "IDX_f944c285ebca897807c4917d90" ON "placements"  ("compliance_status") `);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" ADD CONSTRAINT "FK_b5fcba48a85700d97337b6c832f" FOREIGN KEY ("trainer_id") REFERENCES "trainers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" ADD CONSTRAINT "FK_a485e932f127b3d93a78f9428a0" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" ADD CONSTRAINT "FK_37d06b714a141bd591629d8668b" FOREIGN KEY ("student_id") REFERENCES "students"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "compliance_evaluations" ADD CONSTRAINT "FK_6cedade48248fa4aa50bd8b3966" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "compliance_evaluations" ADD CONSTRAINT "FK_8b37a0ed0c09b6a998f113b7876" FOREIGN KEY ("norm_set_id") REFERENCES "norm_sets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "placements_compliance_rules_gin" ON "placements" USING gin ("compliance_rules")`);
        // Version 1: the defaults of the domain brief (section 7) as of 2026. Its re-evaluation is owed
        // (reevaluated_at NULL), so the worker evaluates every existing placement once.
        await queryRunner.query(
            `INSERT INTO "norm_sets" ("version", "effective_from", "norms", "note") VALUES (1, '2023-09-01', $1, $2)`,
            [JSON.stringify(NORMS_V1), 'Stagepact defaults: R15 €400 a month at 40 h pro rata, R6 3 students per praktijkopleider, minimum youth wage 2026'],
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."placements_compliance_rules_gin"`);
        await queryRunner.query(`ALTER TABLE "compliance_evaluations" DROP CONSTRAINT "FK_8b37a0ed0c09b6a998f113b7876"`);
        await queryRunner.query(`ALTER TABLE "compliance_evaluations" DROP CONSTRAINT "FK_6cedade48248fa4aa50bd8b3966"`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" DROP CONSTRAINT "FK_37d06b714a141bd591629d8668b"`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" DROP CONSTRAINT "FK_a485e932f127b3d93a78f9428a0"`);
        await queryRunner.query(`ALTER TABLE "trainer_assignments" DROP CONSTRAINT "FK_b5fcba48a85700d97337b6c832f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f944c285ebca897807c4917d90"`);
        await queryRunner.query(`CREATE TYPE "public"."event_type_old" AS ENUM('USER_ADDED', 'PLACEMENT_PUBLISHED', 'PLACEMENT_CLOSED', 'ACCREDITATION_GRANTED', 'ACCREDITATION_REVOKED')`);
        await queryRunner.query(`DELETE FROM "notifications" WHERE "event_type" = 'PLACEMENT_SUSPENDED'`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "event_type" = 'PLACEMENT_SUSPENDED'`);
        await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "event_type" = 'PLACEMENT_SUSPENDED'`);
        for (const table of ['notifications', 'notification_preferences', 'deliveries']) {
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "event_type" TYPE "public"."event_type_old" USING "event_type"::"text"::"public"."event_type_old"`);
        }
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`ALTER TYPE "public"."event_type_old" RENAME TO "event_type"`);
        await queryRunner.query(`UPDATE "placements" SET "status" = 'CLOSED' WHERE "status" = 'SUSPENDED'`);
        await queryRunner.query(`CREATE TYPE "public"."placement_status_old" AS ENUM('DRAFT', 'PUBLISHED', 'CLOSED')`);
        await queryRunner.query(`ALTER TABLE "placements" ALTER COLUMN "status" TYPE "public"."placement_status_old" USING "status"::"text"::"public"."placement_status_old"`);
        await queryRunner.query(`DROP TYPE "public"."placement_status"`);
        await queryRunner.query(`ALTER TYPE "public"."placement_status_old" RENAME TO "placement_status"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "evaluated_at"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "norm_set_version"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "compliance_rules"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "compliance_findings"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "compliance_status"`);
        await queryRunner.query(`DROP TYPE "public"."compliance_status"`);
        await queryRunner.query(`ALTER TABLE "placements" DROP COLUMN "suspended_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d84f9393afef74f6f778c49707"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e488df9ed8d82bda081d75cd0f"`);
        await queryRunner.query(`DROP TABLE "compliance_evaluations"`);
        await queryRunner.query(`DROP TYPE "public"."evaluation_trigger"`);
        await queryRunner.query(`DROP TABLE "norm_sets"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c4ffd5f609e77041a46b9dd9b2"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8ce5ced904d47b168ca8d557a0"`);
        await queryRunner.query(`DROP TABLE "trainer_assignments"`);
    }

}
