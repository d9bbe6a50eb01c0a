import { HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import type { ModuleRef } from '@nestjs/core';
import type { Request } from 'express';
import type { Environment } from '../../config/environment';
import type { AuthService } from '../../modules/organizations/auth.service';
import type { RequestContext } from '../auth/request-context';
import { isConnectionFailure } from '../errors/connection-failure';
import { formatGraphqlError } from '../errors/format-graphql-error';
import { describeSchema } from './describe-schema';
import { translateResultMessages } from '../i18n/translate-result-messages';
import { operationLimitRules, operationLimitsOf } from './operation-limits';
import { serviceUnavailableError } from '../errors/service-unavailable';
import { RequestLoaders } from './request-loaders';
import { ErrorCode, RateLimitedError } from '../errors/domain-errors';

/** An API key past its limit, refused before execution: the error carries its own HTTP 429 and Retry-After. */
function rateLimitedBeforeExecution(error: RateLimitedError): GraphQLError {
  const seconds = String(error.retryAfterSeconds);
  return new GraphQLError(error.message, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: error.retryAfterSeconds, http: { status: 429, headers: new HeaderMap([['retry-after', seconds]]) } },
  });
}

/** Apollo settings: code-first schema, operation limits, per-request actor and DataLoaders, our error format. */
export function graphqlConfig(env: Environment, auth: AuthService, moduleRef: ModuleRef): ApolloDriverConfig {
  const development = env.NODE_ENV === 'development';
  const limits = operationLimitsOf(env);
  const introspection = !env.isProduction;
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Every type, field, argument and enum value described (the code's own descriptions, then the
    // glossary); rule messages in result types in the reader's language.
    transformSchema: (schema) => translateResultMessages(describeSchema(schema)),
    introspection,
    // No landing page (the retired Playground from a CDN): the IDE is GraphiQL at /graphiql, served offline (common/http/graphiql.ts).
    playground: false,
    includeStacktraceInErrorResponses: development,
    fieldResolverEnhancers: ['guards', 'filters'],
    // Nothing here is cacheable: without Apollo's cache-control plugin no resolver is wrapped to
    // collect hints (2.4% of the students page's busy time); GraphqlOverHttpPlugin says no-store.
    plugins: [ApolloServerPluginCacheControlDisabled()],
    parseOptions: { maxLexicalTokens: limits.tokens },
    validationRules: operationLimitRules(limits),
    // Suggestions ("Did you mean …") would tell what introspection hides.
    formatError: (formatted, error) => formatGraphqlError(formatted, development, { hideSuggestions: !introspection, cause: error }),
    // Keep the status an error asks for (BAD_USER_INPUT: 400, see GraphqlExceptionFilter) instead of Nest's blanket 200.
    preserveHttpStatusForExecutionErrors: false,
    context: async ({ req }: { req: Request }): Promise<RequestContext> => {
      try {
        const operation = typeof req.body?.operationName === 'string' ? (req.body.operationName as string).slice(0, 100) : null;
        const { actor, sessionId, user, error } = await auth.resolveActor(req.headers.authorization, operation);
        return { req, actor, sessionId, user, authError: error, loaders: new RequestLoaders(moduleRef) };
      } catch (error) {
        // Before execution: no plugin hook sees this error, so it carries its own HTTP 503.
        if (error instanceof RateLimitedError) throw rateLimitedBeforeExecution(error);
        throw isConnectionFailure(error) ? serviceUnavailableError(error, { http: true }) : error;
      }
    },
  };
}
