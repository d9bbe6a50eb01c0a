import { Injectable } from '@nestjs/common';
import { AuditLog } from '../../common/audit/audit-log';
import type { Actor } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { Transactions } from '../../database/transactions';
import { Events } from '../events/events';
import { CompanyEvent } from './companies.events';
import { OrganizationsService } from '../organizations/organizations.service';
import { PostcodesService } from '../postcodes/postcodes.service';
import { AccreditationLossHooks, type AccreditationLoss } from './accreditation-loss';
import { type AccreditationEntity, AccreditationStatus } from './accreditation.entity';
import { REVIEW_INTERVAL_YEARS } from './accreditation-dates';
import { assertReapplicationAllowed } from './reapplication';
import type { BranchEntity } from './branch.entity';
import { CompaniesPolicy } from './companies.policy';
import { CompaniesRepository } from './companies.repository';
import type {
  AccreditationsArgs,
  CreateBranchInput,
  CreateTrainerInput,
  GrantAccreditationInput,
  RevokeAccreditationInput,
  UpdateTrainerInput,
} from './dto/company.input';
import type { TrainerEntity } from './trainer.entity';

export { seesCompanyInternals } from './companies.policy';

@Injectable()
export class CompaniesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly companies: CompaniesRepository,
    private readonly lossHooks: AccreditationLossHooks,
    private readonly postcodes: PostcodesService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly events: Events,
  ) {}

  async createBranch(actor: Actor, input: CreateBranchInput): Promise<BranchEntity> {
    const digits = input.postcode.replace(/\s/g, '').toUpperCase();
    const pc4 = digits.slice(0, 4);
    return this.transactions.run(async () => {
      await this.postcodes.require(pc4, 'input.postcode');
      const branch = await this.companies.save(
        this.companies.newBranch({ ...input, postcode: `${pc4} ${digits.slice(4)}`, pc4, companyId: CompaniesPolicy.ownCompany(actor) }),
      );
      await this.audit.record(actor, { action: 'branch.created', entityType: 'branch', entityId: branch.id, after: branch });
      return branch;
    });
  }

  async findBranch(id: string): Promise<BranchEntity> {
    const branch = await this.companies.branch(id);
    if (!branch) throw new NotFoundError('Branch');
    return branch;
  }

  /** A branch of the actor's own company; another company's is NOT_FOUND naming the field, as an unknown id. */
  async requireOwnBranch(actor: Actor, branchId: string, field: string): Promise<BranchEntity> {
    return ownedOrNotFound('Branch', await this.companies.branchOfCompany(CompaniesPolicy.ownCompany(actor), branchId), { field });
  }

  /** An accreditation (the register is public); an unknown id is NOT_FOUND. */
  async findAccreditation(id: string): Promise<AccreditationEntity> {
    return ownedOrNotFound('Accreditation', await this.companies.accreditation(id));
  }

  /** A praktijkopleider: her company, SBB and the operator read her; anyone else gets NOT_FOUND, as for an unknown id. */
  async findTrainer(actor: Actor, id: string): Promise<TrainerEntity> {
    return ownedOrNotFound('Trainer', await this.companies.trainer(id), { visible: (trainer) => CompaniesPolicy.seesInternals(actor, trainer.companyId) });
  }

  /** A praktijkopleider employed by the actor's own company (R5); another company's is NOT_FOUND naming the field. */
  async requireOwnTrainer(actor: Actor, trainerId: string, field: string): Promise<TrainerEntity> {
    return ownedOrNotFound('Trainer', await this.companies.trainerOfCompany(CompaniesPolicy.ownCompany(actor), trainerId), { field });
  }

  /** SBB only (R1): an accreditation of one branch for one crebo; not within six months of a refusal (R3). */
  async grantAccreditation(actor: Actor, input: GrantAccreditationInput): Promise<AccreditationEntity> {
    if (input.validUntil && input.validUntil < input.grantedOn) {
      throw BadUserInputError.field('input.validUntil', 'validUntil must not be before grantedOn');
    }
    return this.transactions.run(async () => {
      const branch = await this.companies.branch(input.branchId);
      if (!branch) throw BadUserInputError.field('input.branchId', `branch ${input.branchId} does not exist`);
      await assertReapplicationAllowed(this.companies, branch.id, input.crebo, input.grantedOn);
      const company = await this.organizations.findOrganization(branch.companyId);
      if (await this.companies.holdsActiveAccreditation(branch.id, input.crebo)) {
        throw new ConflictError(`${company.name} already holds an active accreditation for crebo ${input.crebo} at this branch`);
      }
      const accreditation = await this.companies.save(
        this.companies.newAccreditation({
          branchId: branch.id,
          companyId: branch.companyId,
          crebo: input.crebo,
          grantedOn: input.grantedOn,
          validUntil: input.validUntil ?? null,
          lastReviewedOn: input.grantedOn,
        }),
      );
      await this.audit.record(actor, {
        action: 'accreditation.granted',
        entityType: 'accreditation',
        entityId: accreditation.id,
        after: accreditation,
      });
      await this.events.emit(CompanyEvent.ACCREDITATION_GRANTED, { accreditationId: accreditation.id });
      return accreditation;
    });
  }

  /** SBB only (R2, Reglement art. 8): one accreditation, with the cascade of `revokeWithin`. */
  async revokeAccreditation(actor: Actor, input: RevokeAccreditationInput): Promise<AccreditationEntity> {
    return this.transactions.run(async () => {
      const accreditation = await this.companies.lockAccreditation(input.id);
      if (!accreditation) throw BadUserInputError.field('input.id', `accreditation ${input.id} does not exist`);
      if (accreditation.status !== AccreditationStatus.ACTIVE) {
        throw new ConflictError(`Accreditation ${input.id} is ${accreditation.status}, not ACTIVE`);
      }
      return this.revokeWithin(actor, accreditation, input.reason);
    });
  }

  /**
   * Every ACTIVE accreditation of a company, locked and revoked in the ambient transaction (a
   * meldpunt sanction, R22), each with the cascade of `revokeWithin`.
   */
  async revokeAllOfCompany(actor: Actor, companyId: string, reason: string): Promise<AccreditationEntity[]> {
    return this.transactions.run(async () => {
      const active = await this.companies.lockActiveAccreditationsOfCompany(companyId);
      const revoked: AccreditationEntity[] = [];
      for (const accreditation of active) revoked.push(await this.revokeWithin(actor, accreditation, reason));
      return revoked;
    });
  }

  /**
   * R2, inside the ambient transaction, for an ACTIVE accreditation it has locked. Every
   * revocation goes through here.
   */
  private async revokeWithin(actor: Actor, accreditation: AccreditationEntity, reason: string): Promise<AccreditationEntity> {
    return this.endAccreditation(actor, accreditation, { status: AccreditationStatus.REVOKED, revokedAt: this.clock.now(), revocationReason: reason });
  }

  /**
   * An ACTIVE accreditation the caller has locked ends, revoked (R2) or lapsed (R3): saved,
   * audited and announced, then `cascadeLostAccreditation`.
   */
  async endAccreditation(
    actor: Actor | null,
    accreditation: AccreditationEntity,
    change: Partial<AccreditationEntity> & { status: AccreditationStatus.REVOKED | AccreditationStatus.LAPSED },
  ): Promise<AccreditationEntity> {
    const revoked = change.status === AccreditationStatus.REVOKED;
    const before = { ...accreditation };
    await this.companies.save(Object.assign(accreditation, change));
    await this.audit.record(actor, {
      action: revoked ? 'accreditation.revoked' : 'accreditation.lapsed',
      entityType: 'accreditation',
      entityId: accreditation.id,
      before,
      after: accreditation,
    });
    await this.events.emit(revoked ? CompanyEvent.ACCREDITATION_REVOKED : CompanyEvent.ACCREDITATION_LAPSED, { accreditationId: accreditation.id });
    await this.cascadeLostAccreditation(actor, accreditation.branchId, revoked ? 'REVOKED' : 'LAPSED');
    return accreditation;
  }

  /**
   * R2's cascade when a branch loses an accreditation (revoked, or lapsed under R3), inside the
   * ambient transaction: its placements re-evaluated, those now blocked by R1 suspended with their
   * company and schools notified; and for each student proposed or placed at a suspended placement,
   * a replacement search for her school and priority in the next round (she is not penalised), her
   * open proposal there withdrawn so that round includes her.
   */
  private async cascadeLostAccreditation(actor: Actor | null, branchId: string, loss: AccreditationLoss): Promise<void> {
    const suspended = await this.lossHooks.reevaluateBranch.call(actor, branchId, loss);
    if (suspended.length) await this.lossHooks.onSuspended.run(actor, suspended);
  }

  listAccreditations({ filter: given, ...page }: AccreditationsArgs): Promise<Connection<AccreditationEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.companies
      .accreditationsQuery()
      .orderBy('accreditation.grantedOn', 'DESC')
      .addOrderBy('accreditation.id');
    if (filter.companyId) query.andWhere('accreditation.companyId = :companyId', { companyId: filter.companyId });
    if (filter.crebo) query.andWhere('accreditation.crebo = :crebo', { crebo: filter.crebo });
    if (filter.status) query.andWhere('accreditation.status = :status', { status: filter.status });
    if (filter.reviewDueBefore) {
      // R3: reviewed every REVIEW_INTERVAL_YEARS; `reviewDueOn` in accreditation-dates.ts computes the same date.
      query.andWhere(`accreditation.status = 'ACTIVE' AND (accreditation.lastReviewedOn + interval '${REVIEW_INTERVAL_YEARS} years')::date < :reviewDueBefore`, {
        reviewDueBefore: filter.reviewDueBefore,
      });
      query.orderBy('accreditation.lastReviewedOn', 'ASC').addOrderBy('accreditation.id'); // most overdue first
    }
    return paginate(query, page);
  }

  async createTrainer(actor: Actor, input: CreateTrainerInput): Promise<TrainerEntity> {
    return this.transactions.run(async () => {
      if (input.branchId) await this.requireOwnBranch(actor, input.branchId, 'input.branchId');
      const trainer = await this.companies.save(this.companies.newTrainer({ ...input, companyId: CompaniesPolicy.ownCompany(actor) }));
      await this.audit.record(actor, { action: 'trainer.created', entityType: 'trainer', entityId: trainer.id, after: trainer });
      return trainer;
    });
  }

  async updateTrainer(actor: Actor, id: string, input: UpdateTrainerInput): Promise<TrainerEntity> {
    return this.transactions.run(async () => {
      const trainer = await this.companies.trainerOfCompany(CompaniesPolicy.ownCompany(actor), id);
      if (!trainer) throw new NotFoundError('Trainer');
      if (input.branchId) await this.requireOwnBranch(actor, input.branchId, 'input.branchId');
      const before = { ...trainer };
      await this.companies.save(this.companies.mergeTrainer(trainer, input));
      await this.audit.record(actor, { action: 'trainer.updated', entityType: 'trainer', entityId: id, before, after: trainer });
      return trainer;
    });
  }
}
