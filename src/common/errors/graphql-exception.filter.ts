import { ArgumentsHost, Catch, HttpException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { isRetryableTransactionError } from '../../database/postgres-errors';
import { ConflictError, DomainError, ErrorCode, RateLimitedError } from './domain-errors';
import { isConnectionFailure } from './connection-failure';
import { reportUnavailable, SERVICE_UNAVAILABLE_MESSAGE, serviceUnavailableError } from './service-unavailable';

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  429: ErrorCode.RATE_LIMITED,
};

/** Postgres error codes a client can cause, e.g. two requests creating the same unique row. */
const PG_CODES: Record<string, ErrorCode> = { '23505': ErrorCode.CONFLICT };

/** Maps every exception thrown in a resolver to one GraphQL error of the design's vocabulary. */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') {
      if (!isConnectionFailure(exception)) return super.catch(exception, host);
      reportUnavailable(exception);
      return super.catch(new ServiceUnavailableException(SERVICE_UNAVAILABLE_MESSAGE), host);
    }
    return this.toGraphQLError(exception);
  }

  private toGraphQLError(exception: unknown): GraphQLError {
    if (exception instanceof GraphQLError) return exception;
    if (exception instanceof DomainError) {
      const extensions: Record<string, unknown> = { code: exception.code };
      if (exception.fields.length > 0) extensions.fields = exception.fields;
      // Bad input answers HTTP 400, as Apollo already does for variables of the wrong type (Apollo strips `http`).
      if (exception.code === ErrorCode.BAD_USER_INPUT) extensions.http = { status: 400 };
      if (exception instanceof RateLimitedError) {
        extensions.retryAfterSeconds = exception.retryAfterSeconds;
        // Apollo takes `http` out of the extensions and sends its status and headers.
        extensions.http = { status: 429, headers: new Map([['retry-after', String(exception.retryAfterSeconds)]]) };
      }
      if (exception instanceof ConflictError && exception.retryable) extensions.retryable = true;
      return new GraphQLError(exception.message, { extensions });
    }
    if (exception instanceof HttpException) {
      const code = HTTP_STATUS_CODES[exception.getStatus()];
      if (code) return new GraphQLError(exception.message, { extensions: { code } });
    }
    if (isConnectionFailure(exception)) return serviceUnavailableError(exception);
    // A deadlock or serialization failure outside `Transactions.run` (which retries them itself).
    if (isRetryableTransactionError(exception)) {
      return new GraphQLError('The change collided with a concurrent change to the same data; send it again', { extensions: { code: ErrorCode.CONFLICT, retryable: true } });
    }
    if (exception instanceof QueryFailedError) {
      const code = PG_CODES[(exception.driverError as { code?: string }).code ?? ''];
      if (code === ErrorCode.CONFLICT) {
        return new GraphQLError('The change conflicts with existing data; reload and try again', { extensions: { code } });
      }
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return new GraphQLError('Internal server error', { extensions: { code: ErrorCode.INTERNAL } });
  }
}
