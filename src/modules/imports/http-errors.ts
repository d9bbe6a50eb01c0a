import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorCode, RateLimitedError } from '../../common/errors/domain-errors';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** A domain error as the REST endpoints answer it: its HTTP status and `{ code, message, fields }`, the GraphQL vocabulary. */
export function httpErrorOf(error: unknown): unknown {
  if (error instanceof DomainError) {
    const exception = new HttpException({ code: error.code, message: error.message, ...(error.fields.length ? { fields: error.fields } : {}) }, STATUS[error.code]);
    if (error instanceof RateLimitedError) (exception as HttpException & { retryAfterSeconds?: number }).retryAfterSeconds = error.retryAfterSeconds;
    return exception;
  }
  // Two imports of the same new student number at once: the second loses the race on the unique index.
  if ((error as { code?: string })?.code === '23505') {
    return new HttpException({ code: ErrorCode.CONFLICT, message: 'Another import wrote these rows at the same moment; send the file again' }, HttpStatus.CONFLICT);
  }
  return error;
}

export class PayloadTooLarge extends HttpException {
  constructor(message: string) {
    super({ code: 'PAYLOAD_TOO_LARGE', message }, HttpStatus.PAYLOAD_TOO_LARGE);
  }
}
