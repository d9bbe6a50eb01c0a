import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../common/auth/password-hasher';
import type { Actor } from '../../common/auth/roles';
import { type IssuedToken, TokenService } from '../../common/auth/token.service';
import { UnauthenticatedError } from '../../common/errors/domain-errors';
import type { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';

export interface Session extends IssuedToken {
  user: UserEntity;
  actor: Actor;
}

export interface ActorResolution {
  actor: Actor | null;
  error: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  /** Same answer and about the same time whether the e-mail is unknown or the password wrong. */
  async login(email: string, password: string): Promise<Session> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.trim().toLowerCase() }, relations: { organization: true } });
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    if (!user?.organization || !valid) throw new UnauthenticatedError('Invalid e-mail or password');
    return { ...this.tokens.issue(user.id), user, actor: actorOf(user, user.organization) };
  }

  /** Resolves the `Authorization: Bearer` header of a request to the acting user, if any. */
  async resolveActor(authorization: string | undefined): Promise<ActorResolution> {
    if (!authorization) return { actor: null, error: null };
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!token) return { actor: null, error: 'The Authorization header must be "Bearer <token>"' };
    let userId: string;
    try {
      userId = this.tokens.verify(token);
    } catch {
      return { actor: null, error: 'The token is invalid or has expired; sign in again' };
    }
    const actor = await this.actorFor(userId);
    return actor ? { actor, error: null } : { actor: null, error: 'The token is invalid or has expired; sign in again' };
  }

  /** The user as she is now (her organization and role), or null when she no longer exists. */
  async actorFor(userId: string): Promise<Actor | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, relations: { organization: true } });
    return user?.organization ? actorOf(user, user.organization) : null;
  }
}

function actorOf(user: UserEntity, organization: OrganizationEntity): Actor {
  return {
    userId: user.id,
    organizationId: organization.id,
    organizationType: organization.type,
    membershipRole: user.role,
  };
}
