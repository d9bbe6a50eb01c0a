import { ArgumentsHost, Catch, HttpException, Logger, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { isConnectionFailure } from './connection-failure';
import { DomainError, ErrorCode } from './domain-errors';
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
const PG_CODES: Record<string, ErrorCode> = { '23505': ErrorCode.CONFLICT, '40001': ErrorCode.CONFLICT };

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
      return new GraphQLError(exception.message, { extensions });
    }
    if (exception instanceof HttpException) {
      const code = HTTP_STATUS_CODES[exception.getStatus()];
      if (code) return new GraphQLError(exception.message, { extensions: { code } });
    }
    if (isConnectionFailure(exception)) return serviceUnavailableError(exception);
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
