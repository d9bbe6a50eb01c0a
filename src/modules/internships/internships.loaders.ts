import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { ContactMomentEntity } from './contact-moment.entity';
import { EvaluationEntity } from './evaluation.entity';
import { PokEntity } from './pok.entity';

@Injectable()
export class ContactMomentsLoader implements LoaderFactory<string, ContactMomentEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(ContactMomentEntity).find({ where: { internshipId: In(ids) }, order: { date: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

@Injectable()
export class EvaluationsLoader implements LoaderFactory<string, EvaluationEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(EvaluationEntity).find({ where: { internshipId: In(ids) }, order: { createdAt: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

/** The POK versions of each internship, oldest first (the last is the current one). */
@Injectable()
export class PoksLoader implements LoaderFactory<string, PokEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader(): DataLoader<string, PokEntity[]> {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(PokEntity).find({ where: { internshipId: In(ids) }, order: { version: 'ASC' } }),
      (row) => row.internshipId,
    );
  }
}

export const INTERNSHIP_LOADERS = [ContactMomentsLoader, EvaluationsLoader, PoksLoader];
