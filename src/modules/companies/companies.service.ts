import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { type Actor, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError, ownedOrNotFound } from '../../common/errors/domain-errors';
import { type Connection, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import { ComplianceService } from '../compliance/compliance.service';
import { EvaluationTrigger } from '../compliance/compliance-status';
import { withdrawOpenProposals } from '../matching/proposal-withdrawal';
import { Events } from '../events/events';
import { CompanyEvent } from './companies.events';
import { OrganizationEntity } from '../organizations/organization.entity';
import { PostcodesService } from '../postcodes/postcodes.service';
import { SchoolTasksService } from '../school-tasks/school-tasks.service';
import { AccreditationEntity, AccreditationStatus } from './accreditation.entity';
import { assertReapplicationAllowed } from './reapplication';
import { BranchEntity } from './branch.entity';
import type {
  AccreditationsArgs,
  CreateBranchInput,
  CreateTrainerInput,
  GrantAccreditationInput,
  RevokeAccreditationInput,
  UpdateTrainerInput,
} from './dto/company.input';
import { TrainerEntity } from './trainer.entity';

/** Who may see a company's internals (trainers, hidden addresses): the company itself, SBB and the operator. */
export function seesCompanyInternals(actor: Actor, companyId: string): boolean {
  return (
    actor.organizationId === companyId ||
    actor.organizationType === OrganizationType.SBB ||
    actor.organizationType === OrganizationType.PLATFORM
  );
}

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly postcodes: PostcodesService,
    private readonly compliance: ComplianceService,
    private readonly schoolTasks: SchoolTasksService,
    private readonly events: Events,
  ) {}

  async createBranch(actor: Actor, input: CreateBranchInput): Promise<BranchEntity> {
    const digits = input.postcode.replace(/\s/g, '').toUpperCase();
    const pc4 = digits.slice(0, 4);
    return inTransaction(this.dataSource, async (manager) => {
      await this.postcodes.require(pc4, 'input.postcode', manager);
      const branch = await manager.save(
        manager.create(BranchEntity, { ...input, postcode: `${pc4} ${digits.slice(4)}`, pc4, companyId: actor.organizationId }),
      );
      await recordAudit(manager, actor, { action: 'branch.created', entityType: 'branch', entityId: branch.id, after: branch });
      return branch;
    });
  }

  async findBranch(id: string, manager: EntityManager = this.dataSource.manager): Promise<BranchEntity> {
    const branch = await manager.findOneBy(BranchEntity, { id });
    if (!branch) throw new NotFoundError('Branch');
    return branch;
  }

  /** A branch of the actor's own company; another company's is NOT_FOUND naming the field, as an unknown id. */
  async requireOwnBranch(actor: Actor, branchId: string, field: string, manager: EntityManager): Promise<BranchEntity> {
    return ownedOrNotFound('Branch', await manager.findOneBy(BranchEntity, { id: branchId, companyId: actor.organizationId }), { field });
  }

  /** A praktijkopleider employed by the actor's own company (R5); another company's is NOT_FOUND naming the field. */
  async requireOwnTrainer(actor: Actor, trainerId: string, field: string, manager: EntityManager): Promise<TrainerEntity> {
    return ownedOrNotFound('Trainer', await manager.findOneBy(TrainerEntity, { id: trainerId, companyId: actor.organizationId }), { field });
  }

  /** SBB only (R1): an accreditation of one branch for one crebo; not within six months of a refusal (R3). */
  async grantAccreditation(actor: Actor, input: GrantAccreditationInput): Promise<AccreditationEntity> {
    if (input.validUntil && input.validUntil < input.grantedOn) {
      throw BadUserInputError.field('input.validUntil', 'validUntil must not be before grantedOn');
    }
    return inTransaction(this.dataSource, async (manager) => {
      const branch = await manager.findOneBy(BranchEntity, { id: input.branchId });
      if (!branch) throw BadUserInputError.field('input.branchId', `branch ${input.branchId} does not exist`);
      await assertReapplicationAllowed(manager, branch.id, input.crebo, input.grantedOn);
      const company = await manager.findOneByOrFail(OrganizationEntity, { id: branch.companyId });
      const active = await manager.existsBy(AccreditationEntity, {
        branchId: branch.id,
        crebo: input.crebo,
        status: AccreditationStatus.ACTIVE,
      });
      if (active) throw new ConflictError(`${company.name} already holds an active accreditation for crebo ${input.crebo} at this branch`);
      const accreditation = await manager.save(
        manager.create(AccreditationEntity, {
          branchId: branch.id,
          companyId: branch.companyId,
          crebo: input.crebo,
          grantedOn: input.grantedOn,
          validUntil: input.validUntil ?? null,
          lastReviewedOn: input.grantedOn,
        }),
      );
      await recordAudit(manager, actor, {
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
    return inTransaction(this.dataSource, async (manager) => {
      const accreditation = await manager.findOne(AccreditationEntity, {
        where: { id: input.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!accreditation) throw BadUserInputError.field('input.id', `accreditation ${input.id} does not exist`);
      if (accreditation.status !== AccreditationStatus.ACTIVE) {
        throw new ConflictError(`Accreditation ${input.id} is ${accreditation.status}, not ACTIVE`);
      }
      return this.revokeWithin(manager, actor, accreditation, input.reason);
    });
  }

  /**
   * Every ACTIVE accreditation of a company, locked and revoked in the caller's transaction (a
   * meldpunt sanction, R22), each with the cascade of `revokeWithin`.
   */
  async revokeAllOfCompany(manager: EntityManager, actor: Actor, companyId: string, reason: string): Promise<AccreditationEntity[]> {
    const active = await manager.find(AccreditationEntity, {
      where: { companyId, status: AccreditationStatus.ACTIVE },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const revoked: AccreditationEntity[] = [];
    for (const accreditation of active) revoked.push(await this.revokeWithin(manager, actor, accreditation, reason));
    return revoked;
  }

  /**
   * R2, inside the caller's transaction, for an ACTIVE accreditation it has locked. Every
   * revocation goes through here.
   */
  private async revokeWithin(manager: EntityManager, actor: Actor, accreditation: AccreditationEntity, reason: string): Promise<AccreditationEntity> {
    return this.endAccreditation(manager, actor, accreditation, { status: AccreditationStatus.REVOKED, revokedAt: new Date(), revocationReason: reason });
  }

  /**
   * An ACTIVE accreditation the caller has locked ends, revoked (R2) or lapsed (R3): saved,
   * audited and announced, then `cascadeLostAccreditation`.
   */
  async endAccreditation(
    manager: EntityManager,
    actor: Actor | null,
    accreditation: AccreditationEntity,
    change: Partial<AccreditationEntity> & { status: AccreditationStatus.REVOKED | AccreditationStatus.LAPSED },
  ): Promise<AccreditationEntity> {
    const revoked = change.status === AccreditationStatus.REVOKED;
    const before = { ...accreditation };
    await manager.save(Object.assign(accreditation, change));
    await recordAudit(manager, actor, {
      action: revoked ? 'accreditation.revoked' : 'accreditation.lapsed',
      entityType: 'accreditation',
      entityId: accreditation.id,
      before,
      after: accreditation,
    });
    await this.events.emit(revoked ? CompanyEvent.ACCREDITATION_REVOKED : CompanyEvent.ACCREDITATION_LAPSED, { accreditationId: accreditation.id });
    await this.cascadeLostAccreditation(manager, actor, accreditation.branchId, revoked ? EvaluationTrigger.ACCREDITATION_REVOKED : EvaluationTrigger.ACCREDITATION_LAPSED);
    return accreditation;
  }

  /**
   * R2's cascade when a branch loses an accreditation (revoked, or lapsed under R3), inside the
   * caller's transaction: its placements re-evaluated, those now blocked by R1 suspended with their
   * company and schools notified; and for each student proposed or placed at a suspended placement,
   * a replacement search for her school and priority in the next round (she is not penalised), her
   * open proposal there withdrawn so that round includes her.
   */
  private async cascadeLostAccreditation(manager: EntityManager, actor: Actor | null, branchId: string, trigger: EvaluationTrigger): Promise<void> {
    const { suspended } = await this.compliance.reevaluateBranch(manager, actor, branchId, trigger);
    await this.schoolTasks.openReplacementSearches(manager, actor, suspended);
    await withdrawOpenProposals(manager, actor, suspended);
  }

  listAccreditations({ filter: given, ...page }: AccreditationsArgs): Promise<Connection<AccreditationEntity>> {
    const filter = given ?? {}; // an explicit null filters nothing, as leaving it out does
    const query = this.dataSource
      .getRepository(AccreditationEntity)
      .createQueryBuilder('accreditation')
      .orderBy('accreditation.grantedOn', 'DESC')
      .addOrderBy('accreditation.id');
    if (filter.companyId) query.andWhere('accreditation.companyId = :companyId', { companyId: filter.companyId });
    if (filter.crebo) query.andWhere('accreditation.crebo = :crebo', { crebo: filter.crebo });
    if (filter.status) query.andWhere('accreditation.status = :status', { status: filter.status });
    if (filter.reviewDueBefore) {
      // R3: reviewed every four years; `reviewDueOn` in accreditation-dates.ts computes the same date.
      query.andWhere(`accreditation.status = 'ACTIVE' AND (accreditation.lastReviewedOn + interval '4 years')::date < :reviewDueBefore`, {
        reviewDueBefore: filter.reviewDueBefore,
      });
      query.orderBy('accreditation.lastReviewedOn', 'ASC').addOrderBy('accreditation.id'); // most overdue first
    }
    return paginate(query, page);
  }

  async createTrainer(actor: Actor, input: CreateTrainerInput): Promise<TrainerEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      if (input.branchId) await this.requireOwnBranch(actor, input.branchId, 'input.branchId', manager);
      const trainer = await manager.save(manager.create(TrainerEntity, { ...input, companyId: actor.organizationId }));
      await recordAudit(manager, actor, { action: 'trainer.created', entityType: 'trainer', entityId: trainer.id, after: trainer });
      return trainer;
    });
  }

  async updateTrainer(actor: Actor, id: string, input: UpdateTrainerInput): Promise<TrainerEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const trainer = await manager.findOneBy(TrainerEntity, { id, companyId: actor.organizationId });
      if (!trainer) throw new NotFoundError('Trainer');
      if (input.branchId) await this.requireOwnBranch(actor, input.branchId, 'input.branchId', manager);
      const before = { ...trainer };
      await manager.save(manager.merge(TrainerEntity, trainer, input));
      await recordAudit(manager, actor, { action: 'trainer.updated', entityType: 'trainer', entityId: id, before, after: trainer });
      return trainer;
    });
  }
}
