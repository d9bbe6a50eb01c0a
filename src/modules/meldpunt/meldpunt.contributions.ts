import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ReportedCompanies } from '../school-tasks/reported-companies';
import { reportedCompanies } from './meldpunt.facts';

/** What the meldpunt answers for the modules below it, registered at boot (they do not import it). */
@Injectable()
export class MeldpuntContributions implements OnModuleInit {
  constructor(private readonly reported: ReportedCompanies) {}

  onModuleInit(): void {
    this.reported.register(reportedCompanies);
  }
}
