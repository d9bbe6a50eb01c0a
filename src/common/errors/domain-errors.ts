/** The error vocabulary every API response uses in `extensions.code` (design §4). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  /** PostgreSQL (or Redis) cannot be reached right now: retry later (HTTP 503). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL = 'INTERNAL',
}

/** One offending field: its path in the operation's input, what is wrong, and the rule it breaks. */
export interface FieldProblem {
  path: string;
  message: string;
  rule?: string;
}

/** A failure the client caused or must know about; the global filter maps it to a GraphQL error. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadUserInputError extends DomainError {
  constructor(fields: FieldProblem[]) {
    super(ErrorCode.BAD_USER_INPUT, fields.map((field) => `${field.path}: ${field.message}`).join('; '), fields);
  }

  static field(path: string, message: string, rule?: string): BadUserInputError {
    return new BadUserInputError([{ path, message, rule }]);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in first') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this operation') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/**
 * An object that does not exist, or that the actor may not see: the two answers are identical
 * (README "Errors"), so the message names only the kind of object, never its id, owner or a
 * related object. `field` names the input path when the id came inside an input.
 */
export class NotFoundError extends DomainError {
  /** (An options object, not a string, so that an id passed by habit fails to compile.) */
  constructor(what: string, { field }: { field?: string } = {}) {
    super(ErrorCode.NOT_FOUND, `${what} was not found`, field ? [{ path: field, message: `no ${what.toLowerCase()} with this id` }] : []);
  }
}

/**
 * The one way to look an object up for an actor: missing, or not `visible` to her, is the same
 * NOT_FOUND. Use it wherever an id comes from a client.
 */
export function ownedOrNotFound<T>(
  what: string,
  found: T | null | undefined,
  { visible = () => true, field }: { visible?: (found: T) => boolean; field?: string } = {},
): T {
  if (found === null || found === undefined || !visible(found)) throw new NotFoundError(what, { field });
  return found;
}

export class ConflictError extends DomainError {
  /** True when nothing is wrong with the request itself: it lost a race (a deadlock, a serialization failure) and may simply be sent again. */
  readonly retryable: boolean;

  constructor(message: string, options: { retryable?: boolean; cause?: unknown } = {}) {
    super(ErrorCode.CONFLICT, message);
    this.retryable = options.retryable ?? false;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

/** Too many attempts: the client may try again after `retryAfterSeconds` (also sent as a Retry-After header). */
export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many attempts; try again in ${retryAfterSeconds} seconds`,
  ) {
    super(ErrorCode.RATE_LIMITED, message);
  }
}
