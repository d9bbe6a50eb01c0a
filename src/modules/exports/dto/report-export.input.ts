import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { AuditLogFilter } from '../../../common/audit/audit-log.resolver';
import { ComplianceOverviewFilter } from '../../compliance/dto/compliance-report.input';
import { DashboardFilter, TerminationsFilter } from '../../reporting/dto/dashboards.input';
import { DiscriminationReportFilter } from '../../meldpunt/dto/discrimination-report.input';
import { AdverseImpactAuditInput } from '../../oversight/dto/adverse-impact.input';

/** The SBB reports that can be downloaded as CSV; each takes the same input as its query. */
export enum ExportableReport {
  COMPLIANCE_OVERVIEW = 'COMPLIANCE_OVERVIEW',
  ADVERSE_IMPACT_AUDIT = 'ADVERSE_IMPACT_AUDIT',
  PLACE_SUPPLY = 'PLACE_SUPPLY',
  STUDENTS_WITHOUT_PLACEMENT = 'STUDENTS_WITHOUT_PLACEMENT',
  TERMINATIONS = 'TERMINATIONS',
  DISCRIMINATION_REPORTS = 'DISCRIMINATION_REPORTS',
  AUDIT_LOG = 'AUDIT_LOG',
}
registerEnumType(ExportableReport, { name: 'ExportableReport' });

@InputType({ description: 'One report and its input: the field named after the report (required for the audit and terminations)' })
export class ReportExportInput {
  @Field(() => ExportableReport)
  @IsEnum(ExportableReport)
  report: ExportableReport;

  @Field(() => ComplianceOverviewFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplianceOverviewFilter)
  complianceOverview?: ComplianceOverviewFilter;

  @Field(() => AdverseImpactAuditInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdverseImpactAuditInput)
  adverseImpactAudit?: AdverseImpactAuditInput;

  @Field(() => DashboardFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DashboardFilter)
  placeSupply?: DashboardFilter;

  @Field(() => Int, { nullable: true, description: 'Horizon for STUDENTS_WITHOUT_PLACEMENT (default UNPLACED_ALERT_WEEKS)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(52)
  studentsWithoutPlacementWeeks?: number;

  @Field(() => TerminationsFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerminationsFilter)
  terminations?: TerminationsFilter;

  @Field(() => DiscriminationReportFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DiscriminationReportFilter)
  discriminationReports?: DiscriminationReportFilter;

  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  auditLog?: AuditLogFilter;
}

@ObjectType('ReportExport', { description: 'A sealed link to the report as CSV (its token reveals no user or filter); anyone holding it can download until it expires' })
export class ReportExportModel {
  @Field()
  url: string;

  @Field()
  expiresAt: Date;
}
