import { NodeInterface } from '../../../common/graphql/node';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { DeclineReason } from '../../matching/proposal.entity';
import { Suppression } from '../adverse-impact';
import { ScreeningStatus } from '../screening';
import { AuditGround } from '../protected-attributes.entity';

registerEnumType(Suppression, {
  name: 'Suppression',
  description: 'R23: why a figure is withheld — fewer than 10 observations in the cell, or a group under 5% of the sample',
});

registerEnumType(ScreeningStatus, {
  name: 'ScreeningStatus',
  description: "R23: a company's verdict in one audit. A flag is a reason to investigate, never a sanction by itself",
  valuesMap: {
    FLAGGED: { description: 'Impact ratio below 0.80 and significant after the Benjamini–Hochberg correction over every company compared' },
    WATCH: { description: 'Impact ratio below 0.80, not significant after the correction: keep an eye on it' },
    CLEAR: { description: 'No shown group below 0.80 (see underpowered: too little data may hide a difference)' },
    NOT_COMPARED: { description: 'Fewer than two groups large enough to compare' },
  },
});

@ObjectType({ description: 'A 95% confidence interval (Katz log method) of an impact ratio' })
export class ImpactRatioIntervalModel {
  @Field(() => Float)
  low: number;

  @Field(() => Float)
  high: number;
}

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

  @Field(() => ImpactRatioIntervalModel, { nullable: true, description: "95% confidence interval of the impact ratio (Katz); null for the best group" })
  impactRatioInterval: ImpactRatioIntervalModel | null;

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

@ObjectType({ description: "One company's own decisions, screened against every company compared in the audit (R23)" })
export class CompanyImpactModel {
  @Field(() => ID)
  companyId: string;

  @Field()
  companyName: string;

  @Field(() => ScreeningStatus)
  status: ScreeningStatus;

  @Field(() => Float, { nullable: true, description: 'The lowest impact ratio among its shown groups' })
  lowestImpactRatio: number | null;

  @Field(() => ImpactRatioIntervalModel, { nullable: true, description: 'The 95% confidence interval of the lowest impact ratio' })
  lowestImpactRatioInterval: ImpactRatioIntervalModel | null;

  @Field(() => Float, { nullable: true, description: "The company's test: the smallest Fisher p-value of its groups below 0.80 (of all its groups when none is), times its number of comparisons" })
  pValue: number | null;

  @Field(() => Float, { nullable: true, description: 'The p-value adjusted by Benjamini–Hochberg over every company compared in this audit; FLAGGED needs it at most falseDiscoveryRate' })
  qValue: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'The largest impact ratio its sample would detect with 80% power at the level this audit applied: a true ratio at or below it is found four times in five. Null when not even a ratio of 0 would be',
  })
  detectableImpactRatio: number | null;

  @Field({ description: 'Too little data to detect a true impact ratio of 0.80 with 80% power: not being flagged says little' })
  underpowered: boolean;

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

  @Field(() => Float, { description: 'The false discovery rate (q) the company tests were corrected to' })
  falseDiscoveryRate: number;

  @Field(() => [CompanyImpactModel], { description: 'FLAGGED companies: impact ratio below 0.80 and significant after the correction, lowest impact ratio first' })
  flaggedCompanies: CompanyImpactModel[];

  @Field(() => [CompanyImpactModel], { description: 'WATCH companies: impact ratio below 0.80 without significance, lowest impact ratio first' })
  watchedCompanies: CompanyImpactModel[];

  @Field(() => Int, { description: 'Companies compared whose samples could not detect a true impact ratio of 0.80 with 80% power' })
  underpoweredCompanies: number;

  @Field(() => CompanyImpactModel, { nullable: true, description: 'With input.companyId: that company, whatever its status' })
  company: CompanyImpactModel | null;
}

@ObjectType('AdverseImpactFlag', { implements: () => [NodeInterface], description: 'The figures with which an adverse-impact audit flagged a company (R23), as they were then' })
export class AdverseImpactFlagModel {
  @Field(() => ID)
  id: string;

  @Field(() => AuditGround)
  ground: AuditGround;

  @Field(() => LocalDateScalar)
  periodFrom: string;

  @Field(() => LocalDateScalar)
  periodTo: string;

  @Field(() => Float)
  falseDiscoveryRate: number;

  @Field(() => Float)
  lowestImpactRatio: number;

  @Field(() => Float, { description: 'Lower end of its 95% confidence interval' })
  intervalLow: number;

  @Field(() => Float, { description: 'Upper end of its 95% confidence interval' })
  intervalHigh: number;

  @Field(() => Float)
  pValue: number;

  @Field(() => Float)
  qValue: number;

  @Field(() => [GroupImpactModel])
  groups: GroupImpactModel[];

  @Field({ description: 'When the audit that flagged it ran' })
  flaggedAt: Date;
}
