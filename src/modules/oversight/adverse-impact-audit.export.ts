import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import { Exportable, type ExportableReportDefinition } from '../reporting/exportable-report';
import { fieldsTable } from '../reporting/report-table';
import { AdverseImpactService } from './adverse-impact.service';
import type { AdverseImpactAuditInput } from './dto/adverse-impact.input';

/**
 * The adverse-impact audit (R23) as CSV. Registered here, by its owner, not in reporting: running
 * the audit stores its flags, which only oversight writes, and reporting does not import oversight.
 */
@Injectable()
@Exportable()
export class AdverseImpactAuditExport implements ExportableReportDefinition<AdverseImpactAuditInput> {
  readonly name = 'ADVERSE_IMPACT_AUDIT';
  readonly inputField = 'adverseImpactAudit';
  readonly inputRequired = true;

  constructor(private readonly adverseImpact: AdverseImpactService) {}

  async table(actor: Actor, input: AdverseImpactAuditInput) {
    return fieldsTable(await this.adverseImpact.audit(actor, input));
  }
}
