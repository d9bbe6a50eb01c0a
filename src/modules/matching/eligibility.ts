import { registerEnumType } from '@nestjs/graphql';
import type { Leerweg } from '../../common/qualification';
import { ComplianceStatus } from '../compliance/compliance-status';
import { PlacementStatus } from '../placements/placement.entity';
import { EARTH_RADIUS_KM } from '../postcodes/distance';

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

/** The first hard constraint a pair breaks, or null when the student may be matched there. */
export function ineligibility(student: EligibilityStudent, placement: EligibilityPlacement): Ineligibility | null {
  if (placement.status !== PlacementStatus.PUBLISHED) return Ineligibility.NOT_PUBLISHED;
  if (placement.complianceStatus === ComplianceStatus.BLOCKED || placement.complianceStatus === ComplianceStatus.SUSPENDED) {
    return Ineligibility.NOT_COMPLIANT;
  }
  if (!placement.crebos.includes(student.crebo)) return Ineligibility.CREBO;
  if (placement.level !== student.level) return Ineligibility.LEVEL;
  if (placement.leerweg !== student.leerweg) return Ineligibility.LEERWEG;
  if (student.availableFrom > placement.endDate || student.availableUntil < placement.startDate) return Ineligibility.DATES;
  if (distanceKm(student.lat, student.lon, placement.lat, placement.lon) > student.radiusKm) return Ineligibility.DISTANCE;
  if (placement.freeSeats <= 0) return Ineligibility.NO_SEATS;
  return null;
}
