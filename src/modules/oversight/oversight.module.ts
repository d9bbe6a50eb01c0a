import { OversightNodes } from './oversight.nodes';
import { StudentsModule } from '../students/students.module';
import { Module } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { ReportingReadsModule } from '../reporting/reporting-reads.module';
import { AdverseImpactAuditExport } from './adverse-impact-audit.export';
import { AdverseImpactService } from './adverse-impact.service';
import { AttributeCipher } from './attribute-cipher';
import { AdverseImpactResolver, ProtectedAttributesResolver, ReportEvidenceResolver } from './oversight.resolver';
import { OversightRepository } from './oversight.repository';
import { ProtectedAttributesService } from './protected-attributes.service';

/** SBB oversight (R22–R24): protected attributes and the adverse-impact audit over them. */
@Module({
  imports: [ReportingReadsModule, StudentsModule],
  providers: [
    { provide: AttributeCipher, useFactory: (env: Environment) => new AttributeCipher(env.PROTECTED_ATTRIBUTES_KEY), inject: [Environment] },
    OversightRepository,
    ProtectedAttributesService,
    ProtectedAttributesResolver,
    AdverseImpactService,
    AdverseImpactResolver,
    ReportEvidenceResolver,
    AdverseImpactAuditExport,
    OversightNodes,
  ],
  exports: [AdverseImpactService],
})
export class OversightModule {}
