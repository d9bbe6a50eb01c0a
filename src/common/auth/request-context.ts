import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { SignedInUser } from '../../modules/organizations/sessions.service';
import type { RequestLoaders } from '../graphql/request-loaders';
import { UnauthenticatedError } from '../errors/domain-errors';
import type { Actor } from './roles';

/** What every GraphQL resolver can reach for the current request. */
export interface RequestContext {
  req: Request;
  actor: Actor | null;
  /** The session of the bearer token, when it was valid (`logout` ends it). */
  sessionId: string | null;
  /** The signed-in person with her organization, as this request's session check read her (none for an API key). */
  user: SignedInUser | null;
  /** Why the bearer token was refused, if one was sent and it was not valid. */
  authError: string | null;
  loaders: RequestLoaders;
}

export function requestContextOf(context: ExecutionContext): RequestContext {
  return GqlExecutionContext.create(context).getContext<RequestContext>();
}

/** The signed-in actor; the access guard has already refused anonymous calls. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestContextOf(context).actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});
