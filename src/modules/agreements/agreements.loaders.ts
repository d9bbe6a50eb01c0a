import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { groupedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { AgreementCommitmentEntity, AgreementEntity } from './agreement.entity';

@Injectable()
export class CommitmentsByAgreementLoader implements LoaderFactory<string, AgreementCommitmentEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(AgreementCommitmentEntity).find({ where: { agreementId: In(ids) }, order: { schoolYear: 'ASC', crebo: 'ASC' } }),
      (row) => row.agreementId,
    );
  }
}

/** Every version of an agreement, by the lineage they share. */
@Injectable()
export class VersionsByLineageLoader implements LoaderFactory<string, AgreementEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (ids) => this.dataSource.getRepository(AgreementEntity).find({ where: { lineageId: In(ids) }, order: { version: 'ASC' } }),
      (row) => row.lineageId,
    );
  }
}

export const AGREEMENT_LOADERS = [CommitmentsByAgreementLoader, VersionsByLineageLoader];
