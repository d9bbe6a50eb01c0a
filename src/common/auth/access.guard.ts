import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import { ALLOWED_ROLES, PEOPLE_ONLY, PUBLIC_OPERATION } from './allow.decorator';
import { requestContextOf } from './request-context';
import { type Role, rolesOf } from './roles';

/**
 * Deny by default: a query, mutation or field resolver runs only when it is marked `@Public()` or
 * the actor holds one of the roles its `@Allow(...)` lists; `@PeopleOnly()` refuses API keys too.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets)) return true;
    if (context.getType<GqlContextType>() !== 'graphql') return false;

    const { actor, authError } = requestContextOf(context);
    if (!actor) throw new UnauthenticatedError(authError ?? 'Sign in first');
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets) ?? [];
    const held = rolesOf(actor);
    if (!allowed.some((role) => held.includes(role))) throw new ForbiddenError();
    if (actor.apiKey && this.reflector.getAllAndOverride<boolean>(PEOPLE_ONLY, targets)) {
      throw new ForbiddenError('An API key may not manage users, invitations, sessions or API keys');
    }
    return true;
  }
}
