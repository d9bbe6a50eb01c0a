/**
 * What other modules may read of internships: pure reads, one statement each, over the
 * `internship_seats` view (seats.ts: "a seat is taken"); their SQL is in internships.repository.ts.
 */
export {
  holdsSeatAt,
  internshipOfSchool,
  internshipsBetween,
  internshipsStartedSince,
  schoolHadInternshipAt,
  schoolsWithSeatAt,
  seatHoldersAt,
  seatsHeld,
} from './internships.repository';
