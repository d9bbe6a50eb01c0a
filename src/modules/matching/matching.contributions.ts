import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { StudentsMatchedAt } from '../compliance/students-matched-at';
import { holdsSeatAt } from '../internships/internships.facts';
import { hasOpenProposal } from './matching.facts';

/** What matching answers for the modules below it, registered at boot (they do not import matching). */
@Injectable()
export class MatchingContributions implements OnModuleInit {
  constructor(
    private readonly matchedAt: StudentsMatchedAt,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    this.matchedAt.register(async (placementId, studentId) => {
      const db = this.transactions.manager;
      return (await hasOpenProposal(db, placementId, studentId)) || (await holdsSeatAt(db, placementId, studentId));
    });
  }
}
