import { Injectable } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import type { Actor } from '../../common/auth/roles';
import { Exportable, type ExportableReportDefinition } from '../reporting/exportable-report';
import { fieldsTable } from '../reporting/report-table';
import { AdverseImpactService } from './adverse-impact.service';
import { AdverseImpactAuditInput } from './dto/adverse-impact.input';

/**
 * The adverse-impact audit (R23) as CSV. Registered here, by its owner, not in reporting: running
 * the audit stores its flags, which only oversight writes, and reporting does not import oversight.
 */
@Injectable()
@Exportable({ name: 'ADVERSE_IMPACT_AUDIT', input: { field: 'adverseImpactAudit', required: true, decorators: [Field(() => AdverseImpactAuditInput, { nullable: true }), IsOptional(), ValidateNested(), Type(() => AdverseImpactAuditInput)] } })
export class AdverseImpactAuditExport implements ExportableReportDefinition<AdverseImpactAuditInput> {
  constructor(private readonly adverseImpact: AdverseImpactService) {}

  async table(actor: Actor, input: AdverseImpactAuditInput) {
    return fieldsTable(await this.adverseImpact.audit(actor, input));
  }
}
