import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { PlacementStatus } from '../placement.entity';

@ObjectType('Placement', { description: 'An internship place offered by a leerbedrijf branch' })
export class PlacementModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID)
  branchId: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => [String])
  crebos: string[];

  @Field(() => Int)
  level: number;

  @Field(() => Leerweg)
  leerweg: Leerweg;

  @Field(() => [String])
  werkprocessen: string[];

  @Field(() => LocalDateScalar)
  startDate: string;

  @Field(() => LocalDateScalar)
  endDate: string;

  @Field(() => Int)
  daysPerWeek: number;

  @Field(() => Int)
  hoursPerWeek: number;

  @Field(() => Int)
  capacity: number;

  @Field(() => Int, { description: 'Euro cents per month' })
  stipendMonthlyCents: number;

  @Field(() => Int, { description: 'Euro cents per month' })
  expenseAllowanceCents: number;

  @Field(() => PlacementStatus)
  status: PlacementStatus;

  @Field(() => Date, { nullable: true })
  publishedAt: Date | null;

  @Field(() => Float, { nullable: true, description: 'Km from the postcode of a `near` search' })
  distanceKm?: number | null;
}

export const PlacementConnection = ConnectionType(PlacementModel);
