import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A UUID for every audit row, so an AuditEntry is a Node like every other type (issue #19): `node(id)`
 * refetches it. The bigint sequence stays the key and the order rows were written in.
 */
export class AuditEntryNodeId1795607000000 implements MigrationInterface {
    name = 'AuditEntryNodeId1795607000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // ADD COLUMN with a volatile default fills existing rows by rewriting the table; no UPDATE runs, so the append-only trigger stays as it is.
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "node_id" uuid NOT NULL DEFAULT gen_random_uuid()`);
        await queryRunner.query(`CREATE UNIQUE INDEX "audit_log_node_id" ON "audit_log" ("node_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "audit_log_node_id"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "node_id"`);
    }
}
