import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/roles';
import type { AccreditationEntity } from './accreditation.entity';
import type { BranchEntity } from './branch.entity';
import { seesCompanyInternals } from './companies.policy';
import { CompaniesRepository, type LoadQuestion } from './companies.repository';
import type { TrainerEntity } from './trainer.entity';

export {
  type AccreditationTerms,
  accreditationsOfBranches,
  accreditationTermsOfBranches,
  branchLabel,
  type LoadQuestion,
  studentsAssignedAt,
  studentsWithTrainerAt,
  trainerLoads,
  trainerName,
  trainersByIds,
  type TrainerTerms,
  trainerTermsByIds,
} from './companies.repository';

/** What other modules may read about companies, in the ambient transaction. */
@Injectable()
export class CompaniesFacts {
  constructor(private readonly companies: CompaniesRepository) {}

  branch(id: string): Promise<BranchEntity | null> {
    return this.companies.branch(id);
  }

  trainers(ids: readonly string[]): Promise<TrainerEntity[]> {
    return this.companies.trainersInTransaction(ids);
  }

  accreditationsOfBranches(branchIds: readonly string[]): Promise<AccreditationEntity[]> {
    return this.companies.accreditationsOfBranches(branchIds);
  }

  trainerLoads(questions: LoadQuestion[]): Promise<number[]> {
    return this.companies.trainerLoads(questions);
  }

  /** Who may see a company's internals (companies.policy.ts). */
  seesInternals(actor: Actor, companyId: string): boolean {
    return seesCompanyInternals(actor, companyId);
  }
}
