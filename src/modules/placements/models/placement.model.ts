import { NodeInterface } from '../../../common/graphql/node';
import { createUnionType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Leerweg } from '../../../common/qualification';
import { ComplianceStatus } from '../placement-compliance';
import { ComplianceRejection } from './compliance-rejection.model';
import { PlacementStatus } from '../placement.entity';

@ObjectType('Placement', { implements: () => [NodeInterface], description: 'An internship place offered by a leerbedrijf branch' })
export class PlacementModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => ID)
  branchId: string;

  @Field(() => String, { nullable: true, description: "The company's own reference (unique per company), what a bulk import upserts by" })
  reference: string | null;

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

  @Field(() => Date, { nullable: true })
  suspendedAt: Date | null;

  @Field(() => ComplianceStatus, { description: 'The latest evaluation against the Stagepact rules, or SUSPENDED (R2)' })
  complianceStatus: ComplianceStatus;

  @Field(() => Int, { nullable: true, description: 'The norm-set version of the latest evaluation' })
  normSetVersion: number | null;

  @Field(() => Date, { nullable: true })
  evaluatedAt: Date | null;

  @Field(() => Float, { nullable: true, description: 'Km from the postcode of a `near` search' })
  distanceKm?: number | null;
}

export const PlacementConnection = ConnectionType(PlacementModel);

const placementOrRejection = (name: string, description: string) =>
  createUnionType({
    name,
    description,
    types: () => [PlacementModel, ComplianceRejection] as const,
    resolveType: (value: object) => (value instanceof ComplianceRejection ? ComplianceRejection : PlacementModel),
  });

export const PublishPlacementResult = placementOrRejection('PublishPlacementResult', 'The published placement, or the rules that block it');
export const UpdatePlacementResult = placementOrRejection('UpdatePlacementResult', 'The changed placement, or the rules a published placement would break');
