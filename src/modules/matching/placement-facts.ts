import type { EntityManager } from 'typeorm';
import type { Leerweg } from '../../common/qualification';
import { HOLDS_SEAT } from '../internships/internship.entity';
import type { ComplianceStatus } from '../compliance/compliance-status';
import type { PlacementStatus } from '../placements/placement.entity';
import type { BlindProfile, PlacementWork } from './blind-priority';
import type { EligibilityPlacement, EligibilityStudent } from './eligibility';

/** What matching knows of a placement: its work, its constraints and its free seats. */
export type PlacementFacts = EligibilityPlacement & PlacementWork & { id: string; companyId: string };

/** What matching knows of a student: her objective profile (R20), never her identity. */
export type StudentFacts = EligibilityStudent & BlindProfile & { id: string; schoolId: string; rematchPriority: boolean };

const PLACEMENT_COLUMNS = `p.id, p.company_id AS "companyId", p.crebos, p.level, p.leerweg, p.start_date::text AS "startDate", p.end_date::text AS "endDate",
  p.days_per_week AS "daysPerWeek", p.hours_per_week AS "hoursPerWeek", p.status, p.compliance_status AS "complianceStatus",
  p.werkprocessen, p.title, pc.lat, pc.lon,
  p.capacity - (SELECT count(*) FROM internships i WHERE i.placement_id = p.id AND i.status IN ${HOLDS_SEAT})
             - (SELECT count(*) FROM proposals o WHERE o.placement_id = p.id AND o.status = 'OPEN') AS "freeSeats"`;

export const STUDENT_COLUMNS = `s.id, s.school_id AS "schoolId", s.crebo, s.level, s.leerweg, s.werkprocessen, s.learning_wish AS "learningWish",
  s.available_from::text AS "availableFrom", s.available_until::text AS "availableUntil", s.days_per_week AS "daysPerWeek",
  s.hours_per_week AS "hoursPerWeek", s.radius_km AS "radiusKm", s.rematch_priority AS "rematchPriority", pc.lat, pc.lon`;

interface PlacementRow {
  id: string;
  companyId: string;
  crebos: string[];
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  daysPerWeek: number;
  hoursPerWeek: number;
  status: PlacementStatus;
  complianceStatus: ComplianceStatus;
  werkprocessen: string[];
  title: string;
  lat: number;
  lon: number;
  freeSeats: string;
}

/** Placements with their branch's coordinates and free seats, by a WHERE clause (and ORDER BY) over `p` and `pc`. */
export async function loadPlacementFacts(manager: EntityManager, where: string, params: unknown[]): Promise<PlacementFacts[]> {
  const rows = await manager.query<PlacementRow[]>(
    `SELECT ${PLACEMENT_COLUMNS} FROM placements p JOIN branches b ON b.id = p.branch_id JOIN postcodes pc ON pc.pc4 = b.pc4 WHERE ${where}`,
    params,
  );
  return rows.map((row) => ({ ...row, freeSeats: Number(row.freeSeats) }));
}
