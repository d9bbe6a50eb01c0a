import { NodeInterface } from '../../../common/graphql/node';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';

@ObjectType('StudentIdentity', { description: 'Who the student is; readable only by her own school' })
export class StudentIdentityModel {
  @Field(() => ID, { name: 'id', description: "The student's id (one identity per student), so a client cache keeps it apart from other students'; node(id) gives the Student" })
  studentId: string;

  @Field()
  fullName: string;

  @Field(() => LocalDateScalar)
  dateOfBirth: string;

  @Field()
  email: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  /** Resolved by StudentIdentityFieldsResolver: her school and she herself only, never a company. */
  guardianName?: string | null;
  guardianEmail?: string | null;
}

@ObjectType('Student', { implements: () => [NodeInterface], description: "A student's objective profile, visible to her own school only" })
export class StudentModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: "The school's own student number (unique per school)" })
  studentNumber: string | null;

  @Field(() => ID)
  schoolId: string;

  @Field()
  crebo: string;

  @Field(() => Int)
  level: number;

  @Field(() => Leerweg)
  leerweg: Leerweg;

  @Field(() => Int)
  cohort: number;

  @Field()
  learningWish: string;

  @Field(() => [String])
  werkprocessen: string[];

  @Field()
  homePostcode: string;

  @Field(() => Int)
  radiusKm: number;

  @Field(() => LocalDateScalar)
  availableFrom: string;

  @Field(() => LocalDateScalar)
  availableUntil: string;

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Int)
  hoursPerWeek: number;

  @Field(() => String, { nullable: true })
  accessibilityNeeds: string | null;

  @Field(() => Date, { nullable: true })
  archivedAt: Date | null;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

export const StudentConnection = ConnectionType(StudentModel);
