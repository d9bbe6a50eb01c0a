import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { AccreditationUse } from '../companies/accreditation-loss';
import { PlacementSeats } from '../placements/placement-seats';
import { internshipsStartedSince } from './internships.facts';
import { seatsHeld } from './internships.repository';

/** What internships answers for the modules below it, registered at boot (they do not import internships). */
@Injectable()
export class InternshipsContributions implements OnModuleInit {
  constructor(
    private readonly accreditationUse: AccreditationUse,
    private readonly placementSeats: PlacementSeats,
    private readonly transactions: Transactions,
  ) {}

  onModuleInit(): void {
    // R3: does an accreditation have students?
    this.accreditationUse.register((pairs, since) => internshipsStartedSince(this.transactions.manager, pairs, since));
    // A placement's capacity cannot go below the seats its internships hold.
    this.placementSeats.register((placementId) => seatsHeld(this.transactions.manager, placementId));
  }
}
