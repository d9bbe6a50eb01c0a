import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/domain-errors';
import { operationInputProblems } from './input-boundary';

/**
 * The GraphQL boundary for bad input. Before anything resolves (so nothing is written, and the
 * caller need not be signed in to be told), the operation's variables and arguments are checked
 * (`operationInputProblems`); a problem is a request error: `BAD_USER_INPUT` with the argument
 * paths in `extensions.fields`, HTTP 400. And whichever step refused a request as bad input, the
 * response is never a 5xx: GraphQL over HTTP answers a request error the client caused with 4xx.
 */
@Plugin()
export class InputBoundaryPlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        const fields = operationInputProblems(schema, document, operation, request.variables ?? {});
        if (!fields.length) return;
        throw new GraphQLError(fields.map((field) => `${field.path}: ${field.message}`).join('; '), {
          extensions: { code: ErrorCode.BAD_USER_INPUT, fields, http: { status: 400 } },
        });
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const requestError = data === undefined && !!errors?.length;
        if (requestError && (response.http.status ?? 200) >= 500 && errors.every((error) => error.extensions?.code === ErrorCode.BAD_USER_INPUT)) {
          response.http.status = 400;
        }
      },
    };
  }
}
