import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../../common/audit/audit-log';
import { hashPassword } from '../../common/auth/password-hasher';
import { type Actor, MembershipRole, OrganizationType } from '../../common/auth/roles';
import { BadUserInputError, ConflictError, NotFoundError } from '../../common/errors/domain-errors';
import { type Connection, type ConnectionArgs, paginate } from '../../common/graphql/pagination';
import { inTransaction } from '../../database/transaction';
import type { AddUserInput, CreateOrganizationInput, NewUserInput, OrganizationsArgs } from './dto/organization.input';
import { EventType } from '../notifications/event-type';
import { recordEvent } from '../notifications/outbox';
import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

@Injectable()
export class OrganizationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** PLATFORM admins create an organization together with its first administrator. */
  async createOrganization(actor: Actor, input: CreateOrganizationInput): Promise<OrganizationEntity> {
    this.checkIdentifiers(input);
    return inTransaction(this.dataSource, async (manager) => {
      await this.assertUnique(manager, input);
      const organization = await manager.save(
        manager.create(OrganizationEntity, {
          type: input.type,
          name: input.name,
          brinCode: input.type === OrganizationType.SCHOOL ? input.brinCode! : null,
          kvkNumber: input.type === OrganizationType.COMPANY ? input.kvkNumber! : null,
          sector: input.type === OrganizationType.COMPANY ? input.sector! : null,
        }),
      );
      await this.insertUser(manager, organization.id, input.firstAdmin, MembershipRole.ADMIN, 'firstAdmin.email');
      await recordAudit(manager, actor, {
        action: 'organization.created',
        entityType: 'organization',
        entityId: organization.id,
        after: organization,
      });
      return organization;
    });
  }

  /** An organization's admin adds a user to that same organization. */
  async addUser(actor: Actor, input: AddUserInput): Promise<UserEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const user = await this.insertUser(manager, actor.organizationId, input, input.role, 'email');
      const { passwordHash: _, ...visible } = user;
      await recordAudit(manager, actor, { action: 'user.added', entityType: 'user', entityId: user.id, after: visible });
      await recordEvent(manager, EventType.USER_ADDED, { userId: user.id });
      return user;
    });
  }

  async findOrganization(id: string): Promise<OrganizationEntity> {
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
    if (!organization) throw new NotFoundError('Organization', id);
    return organization;
  }

  listOrganizations(args: OrganizationsArgs): Promise<Connection<OrganizationEntity>> {
    const query = this.dataSource
      .getRepository(OrganizationEntity)
      .createQueryBuilder('organization')
      .orderBy('organization.name')
      .addOrderBy('organization.id');
    if (args.type) query.where('organization.type = :type', { type: args.type });
    return paginate(query, args);
  }

  listUsers(organizationId: string, args: ConnectionArgs): Promise<Connection<UserEntity>> {
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('user.organizationId = :organizationId', { organizationId })
      .orderBy('user.name')
      .addOrderBy('user.id');
    return paginate(query, args);
  }

  async findUser(id: string): Promise<UserEntity> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  private checkIdentifiers(input: CreateOrganizationInput): void {
    if (input.type === OrganizationType.SCHOOL && !input.brinCode) {
      throw BadUserInputError.field('input.brinCode', 'a SCHOOL needs its BRIN code');
    }
    if (input.type === OrganizationType.COMPANY && !input.kvkNumber) {
      throw BadUserInputError.field('input.kvkNumber', 'a COMPANY needs its KvK number');
    }
    if (input.type === OrganizationType.COMPANY && !input.sector) {
      throw BadUserInputError.field('input.sector', 'a COMPANY needs its SBB sector');
    }
  }

  private async assertUnique(manager: EntityManager, input: CreateOrganizationInput): Promise<void> {
    const repository = manager.getRepository(OrganizationEntity);
    if (input.brinCode && (await repository.existsBy({ brinCode: input.brinCode }))) {
      throw new ConflictError(`A school with BRIN code ${input.brinCode} already exists`);
    }
    if (input.kvkNumber && (await repository.existsBy({ kvkNumber: input.kvkNumber }))) {
      throw new ConflictError(`A company with KvK number ${input.kvkNumber} already exists`);
    }
  }

  private async insertUser(
    manager: EntityManager,
    organizationId: string,
    input: NewUserInput,
    role: MembershipRole,
    emailPath: string,
  ): Promise<UserEntity> {
    const email = input.email.trim().toLowerCase();
    if (await manager.getRepository(UserEntity).existsBy({ email })) {
      throw BadUserInputError.field(`input.${emailPath}`, 'a user with this e-mail address already exists');
    }
    return manager.save(
      manager.create(UserEntity, {
        organizationId,
        email,
        name: input.name,
        role,
        language: input.language ?? 'nl',
        passwordHash: await hashPassword(input.password),
      }),
    );
  }
}
