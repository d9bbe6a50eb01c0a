import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow } from '../../common/auth/allow.decorator';
import { CurrentActor } from '../../common/auth/request-context';
import { type Actor, Role } from '../../common/auth/roles';
import { ReportExportInput } from '../reporting/dto/report-export.input';
import { ReportExportModel } from './dto/report-export.input';
import { ExportsService } from './exports.service';

@Resolver()
export class ExportsResolver {
  constructor(private readonly exports: ExportsService) {}

  @Mutation(() => ReportExportModel, {
    description:
      'A sealed link (valid EXPORT_LINK_TTL_MINUTES) to download a report as CSV, Dutch-Excel CSV or XLSX (`format`); the input is checked now, the figures are computed at download. The SBB reports are for SBB; BPV (its BPV records for DUO) is for a school, its own only',
  })
  @Allow(Role.SBB, Role.SCHOOL)
  createReportExport(@CurrentActor() actor: Actor, @Args('input') input: ReportExportInput) {
    return this.exports.create(actor, input);
  }
}
