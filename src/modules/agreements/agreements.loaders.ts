import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Transactions } from '../../database/transactions';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { AgreementCommitmentEntity, AgreementEntity } from './agreement.entity';

@Injectable()
export class CommitmentsByAgreementLoader implements LoaderFactory<string, AgreementCommitmentEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(AgreementCommitmentEntity).find({ where: { agreementId: In(ids) }, order: { schoolYear: 'ASC', crebo: 'ASC' } }),
      (row) => row.agreementId,
    );
  }
}

/** Every version of an agreement, by the lineage they share. */
@Injectable()
export class VersionsByLineageLoader implements LoaderFactory<string, AgreementEntity[]> {
  constructor(private readonly transactions: Transactions) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.transactions.manager.getRepository(AgreementEntity).find({ where: { lineageId: In(ids) }, order: { version: 'ASC' } }),
      (row) => row.lineageId,
    );
  }
}

export const AGREEMENT_LOADERS = [CommitmentsByAgreementLoader, VersionsByLineageLoader];
