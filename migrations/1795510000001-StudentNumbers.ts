import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A school's own student number on its students (issue #18): unique per school, what the bulk
 * import upserts by. Students made before have none (null is not unique-checked).
 */
export class StudentNumbers1795510000001 implements MigrationInterface {
    name = 'StudentNumbers1795510000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "students" ADD "student_number" character varying(30)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "students_number_per_school" ON "students" ("school_id", "student_number") WHERE "student_number" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "students_number_per_school"`);
        await queryRunner.query(`ALTER TABLE "students" DROP COLUMN "student_number"`);
    }
}
