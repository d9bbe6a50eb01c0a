import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { ContactMomentEntity } from './contact-moment.entity';
import type { EvaluationEntity } from './evaluation.entity';
import { InternshipsRepository } from './internships.repository';
import type { PokEntity } from './pok.entity';

@Injectable()
export class ContactMomentsLoader implements LoaderFactory<string, ContactMomentEntity[]> {
  constructor(private readonly internships: InternshipsRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.internships.contactMomentsOf(ids),
      (row) => row.internshipId,
    );
  }
}

@Injectable()
export class EvaluationsLoader implements LoaderFactory<string, EvaluationEntity[]> {
  constructor(private readonly internships: InternshipsRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.internships.evaluationsOf(ids),
      (row) => row.internshipId,
    );
  }
}

/** The POK versions of each internship, oldest first (the last is the current one). */
@Injectable()
export class PoksLoader implements LoaderFactory<string, PokEntity[]> {
  constructor(private readonly internships: InternshipsRepository) {}

  createLoader(): DataLoader<string, PokEntity[]> {
    return groupedLoader(
      (ids) => this.internships.poksOf(ids),
      (row) => row.internshipId,
    );
  }
}

export const INTERNSHIP_LOADERS = [ContactMomentsLoader, EvaluationsLoader, PoksLoader];
