/**
 * "A seat is taken": the one definition. An internship holds its placement's seat while PLANNED or
 * ACTIVE (the values of `InternshipStatus`). SQL reads it as `internship_seats.holds_seat`
 * (migration 1795478000000), which lists the same statuses; the unique index
 * `internships_one_seat_per_student` is built from `HOLDS_SEAT`.
 */
export const HOLDS_SEAT_STATUSES = ['PLANNED', 'ACTIVE'] as const;

/** `HOLDS_SEAT_STATUSES` as an SQL list. */
export const HOLDS_SEAT = `(${HOLDS_SEAT_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** `seatsHeld` (the seats a placement's internships hold) is in internships.repository.ts, re-exported by internships.facts.ts. */
