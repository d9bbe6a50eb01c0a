import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { groupedLoader, keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import { AccreditationEntity } from './accreditation.entity';
import { BranchEntity } from './branch.entity';
import { TrainerEntity } from './trainer.entity';

@Injectable()
export class BranchLoader implements LoaderFactory<string, BranchEntity | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader((ids) => this.dataSource.getRepository(BranchEntity).findBy({ id: In(ids) }), (row) => row.id);
  }
}

@Injectable()
export class BranchesByCompanyLoader implements LoaderFactory<string, BranchEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (companyIds) =>
        this.dataSource.getRepository(BranchEntity).find({ where: { companyId: In(companyIds) }, order: { name: 'ASC' } }),
      (row) => row.companyId,
    );
  }
}

@Injectable()
export class AccreditationsByBranchLoader implements LoaderFactory<string, AccreditationEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (branchIds) =>
        this.dataSource
          .getRepository(AccreditationEntity)
          .find({ where: { branchId: In(branchIds) }, order: { crebo: 'ASC', grantedOn: 'DESC' } }),
      (row) => row.branchId,
    );
  }
}

@Injectable()
export class TrainerLoader implements LoaderFactory<string, TrainerEntity | null> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return keyedLoader((ids) => this.dataSource.getRepository(TrainerEntity).findBy({ id: In(ids) }), (row) => row.id);
  }
}

@Injectable()
export class TrainersByCompanyLoader implements LoaderFactory<string, TrainerEntity[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createLoader() {
    return groupedLoader(
      (companyIds) =>
        this.dataSource.getRepository(TrainerEntity).find({ where: { companyId: In(companyIds) }, order: { name: 'ASC' } }),
      (row) => row.companyId,
    );
  }
}

export const COMPANY_LOADERS = [BranchLoader, BranchesByCompanyLoader, AccreditationsByBranchLoader, TrainerLoader, TrainersByCompanyLoader];
