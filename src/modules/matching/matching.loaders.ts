import { Injectable } from '@nestjs/common';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { Transactions } from '../../database/transactions';
import type { PlacementEntity } from '../placements/placement.entity';
import { placementsById } from '../placements/placements.facts';
import { StudentsFacts } from '../students/students.facts';
import type { BlindCandidateModel } from './models/matching.model';

type BlindProfileRow = Omit<BlindCandidateModel, 'pseudonym' | 'id'> & { id: string };

/** R20: only the blind columns of a student are read, never her school or postcode. */
@Injectable()
export class BlindCandidateLoader implements LoaderFactory<string, BlindProfileRow | null> {
  constructor(private readonly students: StudentsFacts) {}

  createLoader() {
    return keyedLoader((ids) => this.students.blindProfiles(ids) as Promise<BlindProfileRow[]>, (row) => row.id);
  }
}

@Injectable()
export class PlacementByIdLoader implements LoaderFactory<string, PlacementEntity | null> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return keyedLoader((ids) => placementsById(this.transactions.manager, ids), (row) => row.id);
  }
}
