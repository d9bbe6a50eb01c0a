import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationType } from '../../../common/auth/roles';
import { type Connection, ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { StudentModel } from '../../students/models/student.model';
import type { StudentEntity } from '../../students/student.entity';

// Plain rows: the services return exactly these shapes, so a CSV export can reuse them.

@ObjectType('PlaceSupplyFigures', { description: 'Open seats against students without a placement' })
export class PlaceSupplyFiguresModel {
  @Field(() => Int, { description: 'Capacity minus seats held by PLANNED or ACTIVE internships, over published placements whose end date has not passed' })
  openSeats: number;

  @Field(() => Int, { description: 'Published placements whose end date has not passed' })
  placements: number;

  @Field(() => Int, { description: 'Students without a placement (see placeSupply)' })
  studentsWithoutPlacement: number;

  @Field(() => Float, { nullable: true, description: 'Open seats per student: openSeats ÷ studentsWithoutPlacement; null when there are no such students' })
  seatsPerStudent: number | null;

  @Field(() => Int, { description: 'Students without a placement beyond the open seats: max(students − seats, 0)' })
  shortfall: number;
}

@ObjectType('PlaceSupplyRow', { description: 'One crebo in one province' })
export class PlaceSupplyRowModel extends PlaceSupplyFiguresModel {
  @Field()
  crebo: string;

  @Field({ description: 'Province' })
  region: string;
}

@ObjectType('PlaceSupplyReport', { description: 'The "enough places" pillar: open seats versus students without a placement, per crebo and province' })
export class PlaceSupplyReportModel {
  @Field(() => LocalDateScalar, { description: 'The (Dutch) day the figures are for' })
  asOf: string;

  @Field({ description: "True when the student counts are only the caller's school's own students" })
  ownStudentsOnly: boolean;

  @Field(() => [PlaceSupplyRowModel], { description: 'Largest shortfall first, then fewest seats per student' })
  rows: PlaceSupplyRowModel[];

  @Field(() => PlaceSupplyFiguresModel, { description: 'Every placement counted once, even when it offers several crebos' })
  totals: PlaceSupplyFiguresModel;
}

@ObjectType('UnplacedStudent', { description: "One of your school's students still without a placement" })
export class UnplacedStudentModel {
  @Field(() => ID)
  studentId: string;

  @Field(() => StudentModel)
  student: StudentEntity;

  @Field()
  crebo: string;

  @Field({ description: 'Province of her home postcode' })
  region: string;

  @Field(() => LocalDateScalar, { description: 'Her BPV start (availableFrom)' })
  startDate: string;

  @Field(() => Int, { description: 'Days from today to the start; negative once it has passed' })
  daysLeft: number;
}
export const UnplacedStudentConnection = ConnectionType(UnplacedStudentModel);

@ObjectType('UnplacedBySchool')
export class UnplacedBySchoolModel {
  @Field(() => ID)
  schoolId: string;

  @Field()
  school: string;

  @Field(() => Int)
  students: number;
}

@ObjectType('UnplacedByCrebo')
export class UnplacedByCreboModel {
  @Field()
  crebo: string;

  @Field(() => Int)
  students: number;
}

@ObjectType('UnplacedByRegion')
export class UnplacedByRegionModel {
  @Field({ description: 'Province of the home postcode' })
  region: string;

  @Field(() => Int)
  students: number;
}

@ObjectType('StudentsWithoutPlacementReport', {
  description: 'Students without a placement whose BPV start is within the horizon or has passed; schools also get the students, SBB counts only',
})
export class StudentsWithoutPlacementReportModel {
  @Field(() => Int)
  weeks: number;

  @Field(() => LocalDateScalar)
  asOf: string;

  @Field(() => LocalDateScalar, { description: 'The last day that counts: asOf + weeks (a BPV start on or before it counts)' })
  horizon: string;

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Of which the start has already passed' })
  alreadyStarted: number;

  @Field(() => [UnplacedBySchoolModel], { description: 'Most students first' })
  bySchool: UnplacedBySchoolModel[];

  @Field(() => [UnplacedByCreboModel], { description: 'Most students first' })
  byCrebo: UnplacedByCreboModel[];

  @Field(() => [UnplacedByRegionModel], { description: 'Most students first' })
  byRegion: UnplacedByRegionModel[];

  @Field(() => UnplacedStudentConnection, { nullable: true, description: 'Schools only: the students themselves, soonest start first (null for SBB and the operator)' })
  students: Connection<UnplacedStudentRow> | null;
}

/** A row of `students`, as the service returns it. */
export type UnplacedStudentRow = UnplacedStudentModel;

@ObjectType('TerminationsByReason')
export class TerminationsByReasonModel {
  @Field({ description: 'The reason as given when terminating (trimmed)' })
  reason: string;

  @Field(() => Int)
  internships: number;
}

@ObjectType('TerminationsByParty')
export class TerminationsByPartyModel {
  @Field(() => OrganizationType, { nullable: true, description: 'SCHOOL or COMPANY; null if the organization is gone' })
  terminatedBy: OrganizationType | null;

  @Field(() => Int)
  internships: number;
}

@ObjectType('TerminationsByCrebo')
export class TerminationsByCreboModel {
  @Field({ description: "The student's crebo" })
  crebo: string;

  @Field(() => Int)
  internships: number;
}

@ObjectType('RematchTimes', { description: "After each termination: the student's next internship created after it" })
export class RematchTimesModel {
  @Field(() => Int, { description: 'Students with a next internship' })
  rematched: number;

  @Field(() => Float, { nullable: true, description: 'Median days from the termination to the next internship; null when none' })
  medianDays: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean days; null when none' })
  meanDays: number | null;

  @Field(() => Int, { description: 'Not rematched and not archived: still looking' })
  stillWaiting: number;

  @Field(() => Int, { nullable: true, description: 'Days since the termination of the longest current wait; null when nobody waits' })
  longestWaitDays: number | null;

  @Field(() => Int, { description: 'Archived without a next internship (left school or stopped looking)' })
  leftWithoutRematch: number;
}

@ObjectType('TerminationsReport', { description: 'Internships ended early (TERMINATED) with their termination date in the period' })
export class TerminationsReportModel {
  @Field(() => LocalDateScalar)
  from: string;

  @Field(() => LocalDateScalar)
  to: string;

  @Field(() => Int)
  terminated: number;

  @Field(() => [TerminationsByReasonModel], { description: 'Most frequent first' })
  byReason: TerminationsByReasonModel[];

  @Field(() => [TerminationsByPartyModel], { description: 'Which side ended it' })
  byParty: TerminationsByPartyModel[];

  @Field(() => [TerminationsByCreboModel], { description: 'Most frequent first' })
  byCrebo: TerminationsByCreboModel[];

  @Field(() => RematchTimesModel)
  rematch: RematchTimesModel;
}
