import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Read models, so that no module names another's tables (issue #14):
 * - `internship_seats`, owned by internships: "a seat is taken" in SQL, the one definition besides
 *   `HOLDS_SEAT_STATUSES` (src/modules/internships/seats.ts), which must list the same statuses.
 * - `matching_placements` and `matching_students`, owned by matching: what the match round, the
 *   preference check and the suggestions read of placements, branches, postcodes and students.
 *   Free seats = capacity − seats held − open proposals. Plain views: the planner inlines them, so
 *   a round's bulk load is planned as the joins it replaces.
 */
export class MatchingReadModel1795478000000 implements MigrationInterface {
    name = 'MatchingReadModel1795478000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE VIEW "internship_seats" AS
            SELECT i.id, i.proposal_id, i.student_id, i.placement_id, i.school_id, i.company_id, i.status,
                   i.status IN ('PLANNED', 'ACTIVE') AS holds_seat
              FROM internships i`);
        await queryRunner.query(`CREATE VIEW "matching_placements" AS
            SELECT p.id, p.company_id, p.crebos, p.level, p.leerweg, p.start_date, p.end_date, p.days_per_week, p.hours_per_week,
                   p.status, p.compliance_status, p.werkprocessen, p.title, p.capacity, pc.lat, pc.lon, pc.province,
                   p.capacity - (SELECT count(*) FROM internship_seats i WHERE i.placement_id = p.id AND i.holds_seat)
                              - (SELECT count(*) FROM proposals o WHERE o.placement_id = p.id AND o.status = 'OPEN') AS free_seats
              FROM placements p JOIN branches b ON b.id = p.branch_id JOIN postcodes pc ON pc.pc4 = b.pc4`);
        await queryRunner.query(`CREATE VIEW "matching_students" AS
            SELECT s.id, s.school_id, s.crebo, s.level, s.leerweg, s.werkprocessen, s.learning_wish, s.available_from, s.available_until,
                   s.days_per_week, s.hours_per_week, s.radius_km, s.rematch_priority, s.archived_at, pc.lat, pc.lon
              FROM students s JOIN postcodes pc ON pc.pc4 = s.home_postcode`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "matching_students"`);
        await queryRunner.query(`DROP VIEW "matching_placements"`);
        await queryRunner.query(`DROP VIEW "internship_seats"`);
    }

}
