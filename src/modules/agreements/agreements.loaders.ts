import { Injectable } from '@nestjs/common';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { AgreementCommitmentEntity, AgreementEntity } from './agreement.entity';
import { AgreementsRepository } from './agreements.repository';

@Injectable()
export class CommitmentsByAgreementLoader implements LoaderFactory<string, AgreementCommitmentEntity[]> {
  constructor(private readonly agreements: AgreementsRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.agreements.commitmentsOf(ids),
      (row) => row.agreementId,
    );
  }
}

/** Every version of an agreement, by the lineage they share. */
@Injectable()
export class VersionsByLineageLoader implements LoaderFactory<string, AgreementEntity[]> {
  constructor(private readonly agreements: AgreementsRepository) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.agreements.versionsOf(ids),
      (row) => row.lineageId,
    );
  }
}

export const AGREEMENT_LOADERS = [CommitmentsByAgreementLoader, VersionsByLineageLoader];
