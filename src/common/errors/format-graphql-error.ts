import type { GraphQLFormattedError } from 'graphql';
import { tokenLimitRefusal } from '../graphql/operation-limits';
import { isConnectionFailure } from './connection-failure';
import { ErrorCode } from './domain-errors';
import { SERVICE_UNAVAILABLE_MESSAGE } from './service-unavailable';

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Apollo's own codes for requests the client got wrong. */
const CLIENT_MISTAKES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** graphql-js refusing a variable (Apollo does not always give these a code). */
const VARIABLE_COERCION = /^Variable "\$\w+" (got invalid value|has invalid value|of required type|of non-null type)/;

/** graphql-js's hints at names in the schema: ' Did you mean "name"?', '… the enum value "X"?', '… to use an inline fragment on "T"?'. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * The last step before an error leaves the server: every code is one of ours, and outside
 * development no stack trace or internal message is shown. With `hideSuggestions` (where
 * introspection is off) no message suggests a name in the schema. `cause` is the error Apollo
 * caught: a connection failure that reached here without a code (PostgreSQL or Redis unreachable)
 * is SERVICE_UNAVAILABLE, not INTERNAL.
 */
export function formatGraphqlError(
  error: GraphQLFormattedError,
  development: boolean,
  { hideSuggestions = false, cause }: { hideSuggestions?: boolean; cause?: unknown } = {},
): GraphQLFormattedError {
  const original = String(error.extensions?.code ?? ErrorCode.INTERNAL);
  const tokenLimit = original === 'GRAPHQL_PARSE_FAILED' ? tokenLimitRefusal(error.message) : undefined;
  if (tokenLimit) return { ...tokenLimit, locations: error.locations };
  const mapped = KNOWN_CODES.has(original)
    ? original
    : CLIENT_MISTAKES.has(original) || VARIABLE_COERCION.test(error.message)
      ? ErrorCode.BAD_USER_INPUT
      : ErrorCode.INTERNAL;
  const unavailable = mapped === ErrorCode.INTERNAL && isConnectionFailure(cause);
  const code = unavailable ? ErrorCode.SERVICE_UNAVAILABLE : mapped;
  const { stacktrace, ...rest } = error.extensions ?? {};
  const extensions = hideSuggestions && Array.isArray(rest.fields) ? { ...rest, fields: rest.fields.map(withoutSuggestion) } : rest;
  const message = unavailable
    ? SERVICE_UNAVAILABLE_MESSAGE
    : code === ErrorCode.INTERNAL && !development
      ? 'Internal server error'
      : hideSuggestions
        ? error.message.replace(SUGGESTION, '')
        : error.message;
  return {
    message,
    locations: error.locations,
    path: error.path,
    extensions: development && stacktrace ? { ...extensions, code, stacktrace } : { ...extensions, code },
  };
}

function withoutSuggestion(field: { message?: unknown }): unknown {
  return typeof field.message === 'string' ? { ...field, message: field.message.replace(SUGGESTION, '') } : field;
}
