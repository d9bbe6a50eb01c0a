import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import type { Environment } from '../../config/environment';
import type { AuthService } from '../../modules/organizations/auth.service';
import type { RequestContext } from '../auth/request-context';
import { isConnectionFailure } from '../errors/connection-failure';
import { formatGraphqlError } from '../errors/format-graphql-error';
import { serviceUnavailableError } from '../errors/service-unavailable';
import { RequestLoaders } from './request-loaders';

/** Apollo settings: code-first schema, per-request actor and DataLoaders, our error format. */
export function graphqlConfig(env: Environment, auth: AuthService, moduleRef: ModuleRef): ApolloDriverConfig {
  const development = env.NODE_ENV === 'development';
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !env.isProduction,
    includeStacktraceInErrorResponses: development,
    fieldResolverEnhancers: ['guards', 'filters'],
    formatError: (formatted, error) => formatGraphqlError(formatted, development, error),
    context: async ({ req }: { req: Request }): Promise<RequestContext> => {
      try {
        const { actor, error } = await auth.resolveActor(req.headers.authorization);
        return { req, actor, authError: error, loaders: new RequestLoaders(moduleRef) };
      } catch (error) {
        // Before execution: no plugin hook sees this error, so it carries its own HTTP 503.
        throw isConnectionFailure(error) ? serviceUnavailableError(error, { http: true }) : error;
      }
    },
  };
}
