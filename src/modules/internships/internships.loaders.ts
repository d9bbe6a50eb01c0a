import { Injectable } from '@nestjs/common';
import type DataLoader from 'dataloader';
import { In } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { ContactMomentEntity } from './contact-moment.entity';
import { EvaluationEntity } from './evaluation.entity';
import { PokEntity } from './pok.entity';

@Injectable()
export class ContactMomentsLoader implements LoaderFactory<string, ContactMomentEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(ContactMomentEntity).find({ where: { internshipId: In(ids) }, order: { date: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

@Injectable()
export class EvaluationsLoader implements LoaderFactory<string, EvaluationEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(EvaluationEntity).find({ where: { internshipId: In(ids) }, order: { createdAt: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

/** The POK versions of each internship, oldest first (the last is the current one). */
@Injectable()
export class PoksLoader implements LoaderFactory<string, PokEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader(): DataLoader<string, PokEntity[]> {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(PokEntity).find({ where: { internshipId: In(ids) }, order: { version: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

export const INTERNSHIP_LOADERS = [ContactMomentsLoader, EvaluationsLoader, PoksLoader];
