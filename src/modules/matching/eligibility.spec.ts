import { Leerweg } from '../../common/qualification';
import { ComplianceStatus } from '../compliance/compliance-status';
import { PlacementStatus } from '../placements/placement.entity';
import { distanceKm, type EligibilityPlacement, type EligibilityStudent, Ineligibility, ineligibility } from './eligibility';

/** Utrecht Centraal and a point due north of it: 0.1° of latitude is 11.12 km. */
const UTRECHT = { lat: 52.09, lon: 5.11 };
const NORTH = { lat: 52.19, lon: 5.11 };

const student = (change: Partial<EligibilityStudent> = {}): EligibilityStudent => ({
  crebo: '25655',
  level: 3,
  leerweg: Leerweg.BOL,
  availableFrom: '2027-02-01',
  availableUntil: '2027-06-30',
  radiusKm: 20,
  ...UTRECHT,
  ...change,
});

const placement = (change: Partial<EligibilityPlacement> = {}): EligibilityPlacement => ({
  crebos: ['25180', '25655'],
  level: 3,
  leerweg: Leerweg.BOL,
  startDate: '2027-02-01',
  endDate: '2027-06-30',
  status: PlacementStatus.PUBLISHED,
  complianceStatus: ComplianceStatus.COMPLIANT,
  freeSeats: 1,
  ...NORTH,
  ...change,
});

describe('the hard constraints of a match (/work/shared/matching.md)', () => {
  it('matches a student to a placement that fits in every respect', () => {
    expect(ineligibility(student(), placement())).toBeNull();
  });

  it.each<[string, Partial<EligibilityStudent>, Partial<EligibilityPlacement>, Ineligibility | null]>([
    ['a draft', {}, { status: PlacementStatus.DRAFT }, Ineligibility.NOT_PUBLISHED],
    ['a closed placement', {}, { status: PlacementStatus.CLOSED }, Ineligibility.NOT_PUBLISHED],
    ['a blocked placement', {}, { complianceStatus: ComplianceStatus.BLOCKED }, Ineligibility.NOT_COMPLIANT],
    ['a suspended placement', {}, { complianceStatus: ComplianceStatus.SUSPENDED }, Ineligibility.NOT_COMPLIANT],
    ['a placement with warnings', {}, { complianceStatus: ComplianceStatus.WARNINGS }, null],
    ['another crebo', { crebo: '25181' }, {}, Ineligibility.CREBO],
    ['another level', { level: 2 }, {}, Ineligibility.LEVEL],
    ['the other leerweg', { leerweg: Leerweg.BBL }, {}, Ineligibility.LEERWEG],
    // Dates: the periods must overlap; touching on one day is enough.
    ['available from the day after the end', { availableFrom: '2027-07-01' }, {}, Ineligibility.DATES],
    ['available from the last day', { availableFrom: '2027-06-30' }, {}, null],
    ['available until the day before the start', { availableUntil: '2027-01-31' }, {}, Ineligibility.DATES],
    ['available until the first day', { availableUntil: '2027-02-01' }, {}, null],
    // Distance: 11.12 km away.
    ['a radius of 11 km', { radiusKm: 11 }, {}, Ineligibility.DISTANCE],
    ['a radius of 11.2 km', { radiusKm: 11.2 }, {}, null],
    ['a radius of exactly the distance', { radiusKm: distanceKm(UTRECHT.lat, UTRECHT.lon, NORTH.lat, NORTH.lon) }, {}, null],
    ['no free seat', {}, { freeSeats: 0 }, Ineligibility.NO_SEATS],
    ['a negative seat count', {}, { freeSeats: -1 }, Ineligibility.NO_SEATS],
  ])('%s → %s', (_name, studentChange, placementChange, expected) => {
    expect(ineligibility(student(studentChange), placement(placementChange))).toBe(expected);
  });

  it('names the first constraint broken, in the order a user fixes them', () => {
    const everything = placement({ status: PlacementStatus.DRAFT, complianceStatus: ComplianceStatus.BLOCKED, crebos: [], level: 4, freeSeats: 0 });
    expect(ineligibility(student(), everything)).toBe(Ineligibility.NOT_PUBLISHED);
    expect(ineligibility(student(), { ...everything, status: PlacementStatus.PUBLISHED })).toBe(Ineligibility.NOT_COMPLIANT);
    expect(ineligibility(student(), { ...everything, status: PlacementStatus.PUBLISHED, complianceStatus: ComplianceStatus.COMPLIANT })).toBe(Ineligibility.CREBO);
  });
});

describe('great-circle distance', () => {
  it.each([
    [UTRECHT, NORTH, 11.12],
    [UTRECHT, UTRECHT, 0],
    // Utrecht–Groningen: about 160 km as the crow flies; east and west differ by the cosine of the latitude.
    [UTRECHT, { lat: 53.22, lon: 6.57 }, 159.64],
    [{ lat: 52.09, lon: 5.0 }, { lat: 52.09, lon: 5.1 }, 6.84],
  ])('%j to %j is %d km', (from, to, km) => {
    expect(distanceKm(from.lat, from.lon, to.lat, to.lon)).toBeCloseTo(km, 1);
    expect(distanceKm(to.lat, to.lon, from.lat, from.lon)).toBeCloseTo(km, 1);
  });
});
