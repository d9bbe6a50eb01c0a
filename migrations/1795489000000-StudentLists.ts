import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A school's student list at national scale (issue #20): its first page in index order, and its
 * length without counting it. `school_student_counts` (owned by students) is kept by statement
 * triggers on `students`, so every writer (one student, a bulk import, an archive) keeps it exact.
 */
export class StudentLists1795489000000 implements MigrationInterface {
    name = 'StudentLists1795489000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "students_current_by_school" ON "students" ("school_id", "created_at" DESC, "id") WHERE "archived_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "school_student_counts" (
            "school_id" uuid PRIMARY KEY,
            "current" integer NOT NULL)`);
        // One function for the three triggers: PL/pgSQL plans a branch only when it runs, so each
        // branch names only the transition tables its trigger has.
        await queryRunner.query(`CREATE FUNCTION "count_school_students"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                INSERT INTO school_student_counts (school_id, current)
                SELECT school_id, count(*) FROM new_students WHERE archived_at IS NULL GROUP BY school_id
                ON CONFLICT (school_id) DO UPDATE SET current = school_student_counts.current + EXCLUDED.current;
              ELSIF TG_OP = 'DELETE' THEN
                UPDATE school_student_counts counts SET current = counts.current - gone.students
                  FROM (SELECT school_id, count(*) AS students FROM old_students WHERE archived_at IS NULL GROUP BY school_id) gone
                 WHERE counts.school_id = gone.school_id;
              ELSE
                -- Most updates change neither school nor archiving: no change, no row touched, no lock taken.
                INSERT INTO school_student_counts (school_id, current)
                SELECT school_id, sum(delta) FROM (
                  SELECT school_id, -1 AS delta FROM old_students WHERE archived_at IS NULL
                  UNION ALL
                  SELECT school_id, 1 FROM new_students WHERE archived_at IS NULL
                ) rows GROUP BY school_id HAVING sum(delta) <> 0
                ON CONFLICT (school_id) DO UPDATE SET current = school_student_counts.current + EXCLUDED.current;
              END IF;
              RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "students_counted_on_insert" AFTER INSERT ON "students"
            REFERENCING NEW TABLE AS new_students FOR EACH STATEMENT EXECUTE FUNCTION count_school_students()`);
        await queryRunner.query(`CREATE TRIGGER "students_counted_on_update" AFTER UPDATE ON "students"
            REFERENCING OLD TABLE AS old_students NEW TABLE AS new_students FOR EACH STATEMENT EXECUTE FUNCTION count_school_students()`);
        await queryRunner.query(`CREATE TRIGGER "students_counted_on_delete" AFTER DELETE ON "students"
            REFERENCING OLD TABLE AS old_students FOR EACH STATEMENT EXECUTE FUNCTION count_school_students()`);
        await queryRunner.query(`INSERT INTO "school_student_counts" (school_id, current)
            SELECT school_id, count(*) FROM students WHERE archived_at IS NULL GROUP BY school_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "students_counted_on_delete" ON "students"`);
        await queryRunner.query(`DROP TRIGGER "students_counted_on_update" ON "students"`);
        await queryRunner.query(`DROP TRIGGER "students_counted_on_insert" ON "students"`);
        await queryRunner.query(`DROP FUNCTION "count_school_students"()`);
        await queryRunner.query(`DROP TABLE "school_student_counts"`);
        await queryRunner.query(`DROP INDEX "students_current_by_school"`);
    }
}
