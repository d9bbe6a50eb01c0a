import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { StudentsMatchedAt } from '../compliance/students-matched-at';
import { SchoolLinks } from '../events/event-registry';
import { holdsSeatAt } from '../internships/internships.facts';
import { hasOpenProposal, schoolsLinkedTo } from './matching.facts';

/** What matching answers for the modules below it, registered at boot (they do not import matching). */
@Injectable()
export class MatchingContributions implements OnModuleInit {
  constructor(
    private readonly matchedAt: StudentsMatchedAt,
    private readonly schoolLinks: SchoolLinks,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    // "Schools linked to a company", for lower modules' event recipients (R2, R22).
    this.schoolLinks.register(schoolsLinkedTo);
    this.matchedAt.register(async (placementId, studentId) => {
      const db = this.transactions.manager;
      return (await hasOpenProposal(db, placementId, studentId)) || (await holdsSeatAt(db, placementId, studentId));
    });
  }
}
