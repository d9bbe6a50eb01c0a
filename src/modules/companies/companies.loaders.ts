import { Injectable } from '@nestjs/common';
import { groupedLoader, keyedLoader, type LoaderFactory } from '../../common/graphql/request-loaders';
import type { AccreditationEntity } from './accreditation.entity';
import type { BranchEntity } from './branch.entity';
import { CompaniesRepository } from './companies.repository';
import type { TrainerEntity } from './trainer.entity';

@Injectable()
export class BranchLoader implements LoaderFactory<string, BranchEntity | null> {
  constructor(private readonly companies: CompaniesRepository) {}

  createLoader() {
    return keyedLoader((ids) => this.companies.branchesById(ids), (row) => row.id);
  }
}

@Injectable()
export class BranchesByCompanyLoader implements LoaderFactory<string, BranchEntity[]> {
  constructor(private readonly companies: CompaniesRepository) {}

  createLoader() {
    return groupedLoader((companyIds) => this.companies.branchesOfCompanies(companyIds), (row) => row.companyId);
  }
}

@Injectable()
export class AccreditationsByBranchLoader implements LoaderFactory<string, AccreditationEntity[]> {
  constructor(private readonly companies: CompaniesRepository) {}

  createLoader() {
    return groupedLoader((branchIds) => this.companies.accreditationsOfBranches(branchIds), (row) => row.branchId);
  }
}

@Injectable()
export class TrainerLoader implements LoaderFactory<string, TrainerEntity | null> {
  constructor(private readonly companies: CompaniesRepository) {}

  createLoader() {
    return keyedLoader((ids) => this.companies.trainersById(ids), (row) => row.id);
  }
}

@Injectable()
export class TrainersByCompanyLoader implements LoaderFactory<string, TrainerEntity[]> {
  constructor(private readonly companies: CompaniesRepository) {}

  createLoader() {
    return groupedLoader((companyIds) => this.companies.trainersOfCompanies(companyIds), (row) => row.companyId);
  }
}

export const COMPANY_LOADERS = [BranchLoader, BranchesByCompanyLoader, AccreditationsByBranchLoader, TrainerLoader, TrainersByCompanyLoader];
