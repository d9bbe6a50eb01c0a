import { Injectable } from '@nestjs/common';
import { keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { Transactions } from '../../database/transactions';
import type { PlacementEntity } from '../placements/placement.entity';
import { placementsById } from '../placements/placements.facts';
import { StudentsFacts } from '../students/students.facts';
import type { BlindCandidateModel, MatchExplanationModel } from './models/matching.model';
import { MatchRoundsService } from './match-rounds.service';

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

/** The key of a student's explanation in a round. */
export const explanationKey = (proposal: { roundId: string; studentId: string }) => `${proposal.roundId}/${proposal.studentId}`;

/** The explanations of a request's proposals (round and student), in one statement (issue #17: she reads hers with her proposals). */
@Injectable()
export class ExplanationLoader implements LoaderFactory<string, MatchExplanationModel | null> {
  constructor(private readonly rounds: MatchRoundsService) {}

  createLoader() {
    return keyedLoader(
      (keys) => this.rounds.explanationsOf(keys.map((key) => ({ roundId: key.split('/')[0], studentId: key.split('/')[1] }))),
      explanationKey,
    );
  }
}
