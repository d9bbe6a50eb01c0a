import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { DeclineReason } from '../../matching/proposal.entity';
import { Suppression } from '../adverse-impact';
import { AuditGround } from '../protected-attributes.entity';

registerEnumType(Suppression, {
  name: 'Suppression',
  description: 'R23: why a figure is withheld — fewer than 10 observations in the cell, or a group under 5% of the sample',
});

@ObjectType({ description: "One group's company decisions on proposals; every number is null when suppressed" })
export class GroupImpactModel {
  @Field({ description: 'An answer to the ground, e.g. NON_WESTERN' })
  group: string;

  @Field(() => Suppression, { nullable: true })
  suppressed: Suppression | null;

  @Field(() => Int, { nullable: true, description: 'Proposals the company accepted, declined or let expire' })
  observations: number | null;

  @Field(() => Int, { nullable: true })
  accepted: number | null;

  @Field(() => Float, { nullable: true })
  acceptanceRate: number | null;

  @Field(() => Float, { nullable: true, description: "Acceptance rate ÷ the best shown group's rate" })
  impactRatio: number | null;

  @Field({ description: 'Impact ratio below 0.80 (four-fifths rule)' })
  adverseImpact: boolean;

  @Field(() => Float, { nullable: true, description: "Two-sided Fisher's exact test against the best group" })
  fisherPValue: number | null;

  @Field({ description: 'The difference from the best group is significant (p < 0.05)' })
  significant: boolean;

  @Field(() => Int, { nullable: true, description: "More acceptances this group would need for the best group's rate" })
  shortfall: number | null;
}

@ObjectType()
export class DeclineReasonCountModel {
  @Field(() => DeclineReason)
  reason: DeclineReason;

  @Field(() => Suppression, { nullable: true })
  suppressed: Suppression | null;

  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field(() => Float, { nullable: true, description: "Share of the group's declines" })
  share: number | null;
}

@ObjectType({ description: 'The R21 reason codes companies gave when declining students of one group' })
export class GroupDeclineReasonsModel {
  @Field()
  group: string;

  @Field(() => Suppression, { nullable: true })
  suppressed: Suppression | null;

  @Field(() => Int, { nullable: true })
  declines: number | null;

  @Field(() => [DeclineReasonCountModel])
  reasons: DeclineReasonCountModel[];
}

@ObjectType({ description: 'Time from proposal to the company answer, for one group' })
export class GroupResponseTimeModel {
  @Field()
  group: string;

  @Field(() => Suppression, { nullable: true })
  suppressed: Suppression | null;

  @Field(() => Int, { nullable: true })
  answered: number | null;

  @Field(() => Float, { nullable: true })
  meanHours: number | null;
}

@ObjectType({ description: 'One company whose own decisions show adverse impact (below 0.80) that is significant (p < 0.05)' })
export class CompanyImpactModel {
  @Field(() => ID)
  companyId: string;

  @Field()
  companyName: string;

  @Field(() => Float, { nullable: true, description: 'The lowest impact ratio among its shown groups' })
  lowestImpactRatio: number | null;

  @Field(() => [GroupImpactModel])
  groups: GroupImpactModel[];
}

@ObjectType({ description: 'R23 adverse-impact audit: aggregates only, never an individual answer (R24)' })
export class AdverseImpactAuditModel {
  @Field(() => AuditGround)
  ground: AuditGround;

  @Field(() => LocalDateScalar)
  from: string;

  @Field(() => LocalDateScalar)
  to: string;

  @Field(() => Int, { description: 'Observations of students who answered this ground' })
  sampleSize: number;

  @Field(() => Int, { description: 'Observations of students who did not (not compared)' })
  unreported: number;

  @Field({ description: 'Some shown group has an impact ratio below 0.80' })
  adverseImpact: boolean;

  @Field(() => [GroupImpactModel])
  groups: GroupImpactModel[];

  @Field(() => [GroupDeclineReasonsModel])
  declineReasons: GroupDeclineReasonsModel[];

  @Field(() => [GroupResponseTimeModel])
  responseTimes: GroupResponseTimeModel[];

  @Field(() => Int, { description: 'Companies in scope with at least two groups large enough to compare' })
  companiesCompared: number;

  @Field(() => [CompanyImpactModel], { description: 'Companies whose own decisions show significant adverse impact, lowest impact ratio first' })
  flaggedCompanies: CompanyImpactModel[];
}
