import type { Queryable } from '../../database/prepared-queries';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Transactions } from '../../database/transactions';
import type { Actor } from '../../common/auth/roles';
import { AccreditationEntity } from './accreditation.entity';
import { BranchEntity } from './branch.entity';
import { seesCompanyInternals } from './companies.policy';
import { TrainerEntity } from './trainer.entity';

/** Students with a running trainer assignment at each company (or placement), as `{ id: company or placement, student_id }`. */
export function studentsAssignedAt(db: Queryable, by: 'company' | 'placement', ids: string[]): Promise<{ id: string; student_id: string }[]> {
  const column = by === 'company' ? 'company_id' : 'placement_id';
  return db.query(`SELECT ${column} AS id, student_id FROM trainer_assignments WHERE ${column} = ANY($1::uuid[]) AND ended_at IS NULL`, [ids]);
}

/**
 * What other modules may read of companies' branches and trainers (issue #14): pure reads, one
 * statement each. Added by the matching/internships helper; merge with the companies helper's version.
 */

/** "Branch name, city" as a POK names the place of work (R8). */
export async function branchLabel(db: Queryable, branchId: string): Promise<string | null> {
  const [row] = await db.query<{ label: string }>(`SELECT name || ', ' || city AS label FROM branches WHERE id = $1`, [branchId]);
  return row?.label ?? null;
}

export async function trainerName(db: Queryable, trainerId: string): Promise<string | null> {
  const [row] = await db.query<{ name: string }>('SELECT name FROM trainers WHERE id = $1', [trainerId]);
  return row?.name ?? null;
}

/** The students a company's trainers have ever been assigned to. */
export async function studentsWithTrainerAt(db: Queryable, companyId: string): Promise<string[]> {
  const rows = await db.query<{ student_id: string }>('SELECT DISTINCT student_id FROM trainer_assignments WHERE company_id = $1', [companyId]);
  return rows.map((row) => row.student_id);
}

/**
 * What other modules may read about companies: pure functions over a manager (for callers outside
 * Nest, and batch loads), and `CompaniesFacts`, the same in the ambient transaction.
 */

/** A period a trainer's R6 load is counted over, optionally leaving out one placement's assignments. */
export interface LoadQuestion {
  trainerId: string;
  startDate: string;
  endDate: string;
  exceptPlacementId?: string | null;
}

/**
 * R6, the one definition of a trainer's load: the students she guides in a period, i.e. her
 * internships' assignments not ended whose period overlaps it (leaving out one placement's, when
 * asked). An internship has its assignment from its creation (PLANNED) and ends it when it
 * completes or is terminated, so this counts exactly the students in her PLANNED or ACTIVE
 * internships, matched or self-found. An assignment made for a student with an open proposal
 * (`assignTrainer` before both sides accepted) is a reservation: not counted until her internship
 * adopts it. One answer per question, in order, in one statement.
 */
export async function trainerLoads(manager: EntityManager, questions: LoadQuestion[]): Promise<number[]> {
  if (!questions.length) return [];
  const rows = await manager.query<{ n: number; students: number }[]>(
    `SELECT q.n::int AS n, count(a.id)::int AS students
       FROM unnest($1::uuid[], $2::date[], $3::date[], $4::uuid[]) WITH ORDINALITY AS q(trainer_id, start_date, end_date, except_placement_id, n)
       LEFT JOIN trainer_assignments a
              ON a.trainer_id = q.trainer_id AND a.internship_id IS NOT NULL AND a.ended_at IS NULL AND a.start_date <= q.end_date AND a.end_date >= q.start_date
             AND (q.except_placement_id IS NULL OR a.placement_id IS DISTINCT FROM q.except_placement_id)
      GROUP BY q.n ORDER BY q.n`,
    [questions.map((q) => q.trainerId), questions.map((q) => q.startDate), questions.map((q) => q.endDate), questions.map((q) => q.exceptPlacementId ?? null)],
  );
  return rows.map((row) => row.students);
}

/** Every accreditation of the branches, any status (R1 judges them). */
export function accreditationsOfBranches(manager: EntityManager, branchIds: readonly string[]): Promise<AccreditationEntity[]> {
  if (!branchIds.length) return Promise.resolve([]);
  return manager.find(AccreditationEntity, { where: { branchId: In([...branchIds]) }, order: { crebo: 'ASC', grantedOn: 'DESC' } });
}

/** What R1 judges of an accreditation. */
export interface AccreditationTerms {
  branchId: string;
  crebo: string;
  status: string;
  grantedOn: string;
  validUntil: string | null;
}

/** Every accreditation of the branches, any status, as plain rows (R1 over a batch of placements). */
export function accreditationTermsOfBranches(manager: EntityManager, branchIds: readonly string[]): Promise<AccreditationTerms[]> {
  if (!branchIds.length) return Promise.resolve([]);
  return manager.query(
    `SELECT branch_id AS "branchId", crebo, status, granted_on::text AS "grantedOn", valid_until::text AS "validUntil"
       FROM accreditations WHERE branch_id = ANY($1)`,
    [[...branchIds]],
  );
}

/** What R5–R7 judge of a trainer, as plain rows (a batch of placements at once). */
export interface TrainerTerms {
  id: string;
  companyId: string;
  qualificationLevel: number;
  yearsOfExperience: number;
  courseCompletedOn: string | null;
  refresherCompletedOn: string | null;
  sectorTrainingCompletedOn: string | null;
  sectorTrainingDeadline: string | null;
}

export function trainerTermsByIds(manager: EntityManager, ids: readonly string[]): Promise<TrainerTerms[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.query(
    `SELECT id, company_id AS "companyId", qualification_level AS "qualificationLevel", years_of_experience AS "yearsOfExperience",
            course_completed_on::text AS "courseCompletedOn", refresher_completed_on::text AS "refresherCompletedOn",
            sector_training_completed_on::text AS "sectorTrainingCompletedOn", sector_training_deadline::text AS "sectorTrainingDeadline"
       FROM trainers WHERE id = ANY($1)`,
    [[...ids]],
  );
}

export function trainersByIds(manager: EntityManager, ids: readonly string[]): Promise<TrainerEntity[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.findBy(TrainerEntity, { id: In([...ids]) });
}

@Injectable()
export class CompaniesFacts {
  constructor(private readonly transactions: Transactions) {}

  branch(id: string): Promise<BranchEntity | null> {
    return this.transactions.manager.findOneBy(BranchEntity, { id });
  }

  trainers(ids: readonly string[]): Promise<TrainerEntity[]> {
    return trainersByIds(this.transactions.manager, ids);
  }

  accreditationsOfBranches(branchIds: readonly string[]): Promise<AccreditationEntity[]> {
    return accreditationsOfBranches(this.transactions.manager, branchIds);
  }

  trainerLoads(questions: LoadQuestion[]): Promise<number[]> {
    return trainerLoads(this.transactions.manager, questions);
  }

  /** Who may see a company's internals (companies.policy.ts). */
  seesInternals(actor: Actor, companyId: string): boolean {
    return seesCompanyInternals(actor, companyId);
  }
}
