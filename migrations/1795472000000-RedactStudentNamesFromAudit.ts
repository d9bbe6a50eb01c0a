import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * R20: SBB reads the audit log and exports it, so no audit row may name a student. `pok.amended`
 * rows used to copy the POK terms whole, the student's full name included (`terms.student`); new
 * rows leave it out. This one-time redaction removes it from the rows already written. The log
 * is append-only (a trigger refuses UPDATE), so the trigger is suspended for this statement only,
 * inside the migration's transaction, and the redaction itself is recorded as an audit row.
 */
export class RedactStudentNamesFromAudit1795472000000 implements MigrationInterface {
    name = 'RedactStudentNamesFromAudit1795472000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_no_change"`);
        const [, redacted] = await queryRunner.query(
            `UPDATE "audit_log" SET "before" = "before" - 'student', "after" = "after" - 'student'
              WHERE "entity_type" = 'pok' AND ("before" ? 'student' OR "after" ? 'student')`,
        ) as [unknown, number];
        await queryRunner.query(`ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_no_change"`);
        if (redacted > 0) {
            await queryRunner.query(
                `INSERT INTO "audit_log" ("actor_role", "action", "entity_type", "entity_id", "after")
                 VALUES ('MIGRATION', 'audit_log.redacted', 'audit_log', 'pok.student', $1::jsonb)`,
                [JSON.stringify({ rows: redacted, removed: 'terms.student', rule: 'R20' })],
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Nothing to undo: the names are gone, and the POKs themselves still hold them for the parties.
    }

}
