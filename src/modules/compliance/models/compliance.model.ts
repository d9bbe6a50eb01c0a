import { NodeInterface } from '../../../common/graphql/node';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../../common/graphql/pagination';
import { LocalDateScalar } from '../../../common/graphql/scalars';
import { Sector } from '../../organizations/sector';
import { ComplianceStatus, EvaluationTrigger } from '../compliance-status';
import type { Norms } from '../norms';
import type { Finding, RuleId, Severity } from '../rules/rule';
import { ComplianceFindingModel, ComplianceRejection, SeverityEnum } from '../../placements/models/compliance-rejection.model';

export { ComplianceFindingModel, ComplianceRejection, SeverityEnum };

@ObjectType('ComplianceEvaluation', { implements: () => [NodeInterface], description: 'One stored evaluation of a placement' })
export class ComplianceEvaluationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  placementId: string;

  @Field(() => Int)
  normSetVersion: number;

  @Field(() => EvaluationTrigger)
  trigger: EvaluationTrigger;

  @Field(() => ComplianceStatus, { description: 'COMPLIANT, WARNINGS or BLOCKED' })
  verdict: ComplianceStatus;

  @Field(() => [ComplianceFindingModel])
  findings: Finding[];

  @Field()
  evaluatedAt: Date;
}
export const ComplianceEvaluationConnection = ConnectionType(ComplianceEvaluationModel);

@ObjectType('SectorTrainerLimit')
export class SectorTrainerLimitModel {
  @Field(() => Sector)
  sector: Sector;

  @Field(() => Int)
  maxStudents: number;
}

@ObjectType('AgeWage')
export class AgeWageModel {
  @Field(() => Int)
  age: number;

  @Field(() => Int)
  centsPerHour: number;
}

@ObjectType('RuleSeverity')
export class RuleSeverityModel {
  @Field(() => String)
  rule: RuleId;

  @Field(() => SeverityEnum)
  severity: Severity;
}

@ObjectType('Norms', { description: 'The figures the rules apply (money in euro cents)' })
export class NormsModel {
  @Field(() => Int, { description: 'R15: BOL stipend floor a month at full time, pro rata' })
  stipendFloorCentsPerMonth: number;

  @Field(() => Int)
  fullTimeHoursPerWeek: number;

  @Field(() => Int, { description: 'R12' })
  bolMaxHoursPerWeek: number;

  @Field(() => Int, { description: 'R12: warn above' })
  bolWarnAboveHoursPerWeek: number;

  @Field(() => Float, { description: 'R11' })
  minorMaxHoursPerDay: number;

  @Field(() => Float, { description: 'R11' })
  minorMaxHoursPerWeek: number;

  @Field(() => Float, { description: 'R11' })
  minorMaxAverageHoursPerWeek: number;

  @Field(() => Float, { description: 'R11' })
  adultMaxHoursPerDay: number;

  @Field(() => Float, { description: 'R11' })
  adultMaxHoursPerWeek: number;

  @Field(() => Int, { description: 'R6: default for every sector' })
  maxStudentsPerTrainer: number;

  @Field(() => [SectorTrainerLimitModel], { description: 'R6 per sector' })
  maxStudentsPerTrainerBySector: SectorTrainerLimitModel[];

  @Field(() => Int, { description: 'R10' })
  bblMinimumBpvHoursPerYear: number;

  @Field(() => Int, { description: 'R10' })
  weeksPerStudyYear: number;

  @Field(() => [AgeWageModel], { description: 'R14: statutory minimum (youth) wage by age' })
  minimumWage: AgeWageModel[];

  @Field(() => [RuleSeverityModel])
  severities: RuleSeverityModel[];
}

@ObjectType('NormSet', { implements: () => [NodeInterface], description: 'One version of the Stagepact norms; in force from its effective date until the next version' })
export class NormSetModel {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => LocalDateScalar)
  effectiveFrom: string;

  @Field()
  note: string;

  @Field(() => NormsModel)
  norms: Norms;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the placements this version governs were re-evaluated' })
  reevaluatedAt: Date | null;
}

@ObjectType('StatusCount')
export class StatusCountModel {
  @Field(() => ComplianceStatus)
  status: ComplianceStatus;

  @Field(() => Int)
  placements: number;
}

@ObjectType('RuleCount')
export class RuleCountModel {
  @Field()
  rule: string;

  @Field(() => Int)
  placements: number;
}

@ObjectType('StipendDistribution', { description: 'BOL placements in scope (R15)' })
export class StipendDistributionModel {
  @Field(() => Int)
  placements: number;

  @Field(() => Int, { nullable: true })
  medianMonthlyCents: number | null;

  @Field(() => Int, { nullable: true, description: 'The median stipend scaled to 40 hours a week' })
  medianFullTimeCents: number | null;

  @Field(() => Float, { description: 'Share (0–1) with an R15 finding: below the pro-rata floor' })
  shareBelowFloor: number;

  @Field(() => Float, { description: 'Share (0–1) paying no stipend at all' })
  shareWithoutStipend: number;
}

@ObjectType('TrainerLoadBucket')
export class TrainerLoadBucketModel {
  @Field(() => Int, { description: 'Students guided today' })
  students: number;

  @Field(() => Int, { description: 'Praktijkopleiders with that many students' })
  trainers: number;
}

@ObjectType('GuidanceSummary', { description: 'R17 over internships whose BPV period is over' })
export class GuidanceSummaryModel {
  @Field(() => Int)
  endedInternships: number;

  @Field(() => Int, { description: 'With at least one R17 finding' })
  withFindings: number;

  @Field(() => Int, { description: 'Fewer than three contact moments' })
  tooFewContacts: number;

  @Field(() => Int, { description: 'No contact moment on site' })
  noOnSiteContact: number;
}

@ObjectType('InternshipCounts', { description: 'Internships at the placements in scope' })
export class InternshipCountsModel {
  @Field(() => Int, { description: 'Planned or active' })
  current: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int, { description: 'Ended early' })
  terminated: number;
}

@ObjectType('InternshipGuidanceFinding', { description: "An internship whose period is over with R17 findings" })
export class InternshipGuidanceFindingModel {
  @Field(() => ID)
  internshipId: string;

  @Field(() => ID)
  placementId: string;

  @Field(() => LocalDateScalar)
  endDate: string;

  @Field(() => [ComplianceFindingModel])
  findings: Finding[];
}

@ObjectType('InternshipHoursFinding', { description: "An internship whose logged hours have compliance findings (R8 against the POK, R10–R12; issue #17)" })
export class InternshipHoursFindingModel {
  @Field(() => ID)
  internshipId: string;

  @Field(() => ID, { nullable: true, description: 'Null for a self-found internship recorded on a branch only' })
  placementId: string | null;

  @Field(() => [ComplianceFindingModel], { description: 'Each names its week in details.weekStart where it is about one' })
  findings: Finding[];
}

@ObjectType('ComplianceOverview', { description: 'Placements in scope (all but drafts) by compliance status, rule, stipend and trainer load' })
export class ComplianceOverviewModel {
  @Field(() => Int)
  placements: number;

  @Field(() => [StatusCountModel])
  byStatus: StatusCountModel[];

  @Field(() => [RuleCountModel], { description: 'Most violated rules first' })
  mostViolatedRules: RuleCountModel[];

  @Field(() => StipendDistributionModel)
  stipends: StipendDistributionModel;

  @Field(() => [TrainerLoadBucketModel], { description: 'Praktijkopleiders of the placements in scope by their current number of students (R6)' })
  trainerLoad: TrainerLoadBucketModel[];

  @Field(() => GuidanceSummaryModel, { description: 'Guidance contacts (R17) of the internships at these placements' })
  guidance: GuidanceSummaryModel;

  @Field(() => InternshipCountsModel)
  internships: InternshipCountsModel;
}

@ObjectType('CompanyComplianceProfile')
export class CompanyComplianceProfileModel {
  @Field(() => ID)
  companyId: string;

  @Field(() => ComplianceOverviewModel)
  overview: ComplianceOverviewModel;
}
