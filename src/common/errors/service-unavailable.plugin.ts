import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { ErrorCode } from './domain-errors';
import { RETRY_AFTER_SECONDS } from './service-unavailable';

/**
 * HTTP 503 (with Retry-After) for a response whose every error is SERVICE_UNAVAILABLE: the
 * request failed only because PostgreSQL (or Redis) could not be reached, so load balancers and
 * clients see a retryable outage rather than a 200 or a 500.
 */
@Plugin()
export class ServiceUnavailablePlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (!errors?.length || !errors.every((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  }
}
