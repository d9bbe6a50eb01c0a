import { registerEnumType } from '@nestjs/graphql';
import type { Leerweg } from '../../common/qualification';
import { ComplianceStatus } from '../compliance/compliance-status';
import { PlacementStatus } from '../placements/placement.entity';
import { EARTH_RADIUS_KM } from '../postcodes/distance';
import { Vocabulary } from './blind-priority';

/** Why a placement on a student's list cannot be matched (the hard constraints of the contract). */
export enum Ineligibility {
  CREBO = 'CREBO',
  LEVEL = 'LEVEL',
  LEERWEG = 'LEERWEG',
  DISTANCE = 'DISTANCE',
  DATES = 'DATES',
  NOT_PUBLISHED = 'NOT_PUBLISHED',
  NOT_COMPLIANT = 'NOT_COMPLIANT',
  NO_SEATS = 'NO_SEATS',
  /** The placement is not in this round's region and period. */
  OUT_OF_ROUND = 'OUT_OF_ROUND',
}
registerEnumType(Ineligibility, { name: 'Ineligibility', description: 'Why a student is not eligible for a placement' });

export const INELIGIBILITY_MESSAGES: Record<Ineligibility, string> = {
  [Ineligibility.CREBO]: "the placement does not offer the student's qualification (crebo)",
  [Ineligibility.LEVEL]: "the placement is for another level than the student's",
  [Ineligibility.LEERWEG]: "the placement is for the other leerweg (BOL/BBL)",
  [Ineligibility.DISTANCE]: "the placement is farther away than the student's travel radius",
  [Ineligibility.DATES]: "the placement's period does not overlap the student's availability",
  [Ineligibility.NOT_PUBLISHED]: 'the placement is not published',
  [Ineligibility.NOT_COMPLIANT]: 'the placement is blocked or suspended by the Stagepact rules',
  [Ineligibility.NO_SEATS]: 'the placement has no free seat',
  [Ineligibility.OUT_OF_ROUND]: "the placement is outside this round's region or period",
};

export interface EligibilityStudent {
  crebo: string;
  level: number;
  leerweg: Leerweg;
  availableFrom: string;
  availableUntil: string;
  radiusKm: number;
  lat: number;
  lon: number;
}

export interface EligibilityPlacement {
  crebos: string[];
  level: number;
  leerweg: Leerweg;
  startDate: string;
  endDate: string;
  status: PlacementStatus;
  complianceStatus: ComplianceStatus;
  /** Seats not taken by internships or open proposals. */
  freeSeats: number;
  lat: number;
  lon: number;
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
}

/**
 * A placement's hard constraints as numbers (`placementConstraints`): a round checks two million
 * pairs, and comparing numbers of a small object is several times faster than comparing the
 * strings of a database row.
 */
export interface PlacementConstraints {
  /** Why its status alone refuses every student (not published, blocked or suspended), else null. */
  refusal: Ineligibility | null;
  crebos: Int32Array;
  level: number;
  leerweg: number;
  start: number;
  end: number;
  lat: number;
  lon: number;
  freeSeats: number;
}

/** A student's side of the hard constraints as numbers, in the same vocabulary as the placements'. */
export interface StudentConstraints {
  crebo: number;
  level: number;
  leerweg: number;
  from: number;
  until: number;
  radiusKm: number;
  lat: number;
  lon: number;
}

export const placementConstraints = (placement: EligibilityPlacement, vocabulary: Vocabulary): PlacementConstraints => ({
  refusal:
    placement.status !== PlacementStatus.PUBLISHED
      ? Ineligibility.NOT_PUBLISHED
      : placement.complianceStatus === ComplianceStatus.BLOCKED || placement.complianceStatus === ComplianceStatus.SUSPENDED
        ? Ineligibility.NOT_COMPLIANT
        : null,
  crebos: vocabulary.idsOf(placement.crebos),
  level: placement.level,
  leerweg: vocabulary.idOf(placement.leerweg),
  start: Date.parse(placement.startDate),
  end: Date.parse(placement.endDate),
  lat: placement.lat,
  lon: placement.lon,
  freeSeats: placement.freeSeats,
});

export const studentConstraints = (student: EligibilityStudent, vocabulary: Vocabulary): StudentConstraints => ({
  crebo: vocabulary.idOf(student.crebo),
  level: student.level,
  leerweg: vocabulary.idOf(student.leerweg),
  from: Date.parse(student.availableFrom),
  until: Date.parse(student.availableUntil),
  radiusKm: student.radiusKm,
  lat: student.lat,
  lon: student.lon,
});

/** The first hard constraint a pair breaks, or null when the student may be matched there; in the order a user fixes them. */
export function constraintBroken(student: StudentConstraints, placement: PlacementConstraints): Ineligibility | null {
  if (placement.refusal) return placement.refusal;
  if (!placement.crebos.includes(student.crebo)) return Ineligibility.CREBO;
  if (placement.level !== student.level) return Ineligibility.LEVEL;
  if (placement.leerweg !== student.leerweg) return Ineligibility.LEERWEG;
  if (student.from > placement.end || student.until < placement.start) return Ineligibility.DATES;
  if (distanceKm(student.lat, student.lon, placement.lat, placement.lon) > student.radiusKm) return Ineligibility.DISTANCE;
  if (placement.freeSeats <= 0) return Ineligibility.NO_SEATS;
  return null;
}

/** `constraintBroken` for one pair (a round prepares the constraints once instead). */
export function ineligibility(student: EligibilityStudent, placement: EligibilityPlacement): Ineligibility | null {
  const vocabulary = new Vocabulary();
  return constraintBroken(studentConstraints(student, vocabulary), placementConstraints(placement, vocabulary));
}
