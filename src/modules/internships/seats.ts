import type { Queryable } from '../../database/prepared-queries';

/**
 * "A seat is taken": the one definition. An internship holds its placement's seat while PLANNED or
 * ACTIVE (the values of `InternshipStatus`). SQL reads it as `internship_seats.holds_seat`
 * (migration 1795478000000), which lists the same statuses; the unique index
 * `internships_one_seat_per_student` is built from `HOLDS_SEAT`.
 */
export const HOLDS_SEAT_STATUSES = ['PLANNED', 'ACTIVE'] as const;

/** `HOLDS_SEAT_STATUSES` as an SQL list. */
export const HOLDS_SEAT = `(${HOLDS_SEAT_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** The seats a placement's internships hold. Call it under the placement's row lock. */
export async function seatsHeld(db: Queryable, placementId: string): Promise<number> {
  const [row] = await db.query<{ held: number }>('SELECT count(*)::int AS held FROM internship_seats WHERE placement_id = $1 AND holds_seat', [placementId]);
  return row.held;
}

