import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { GraphQLError, getVariableValues } from 'graphql';
import { Environment } from '../../config/environment';
import { BadUserInputError } from '../errors/domain-errors';
import { analyzeOperation } from './operation-cost';
import { OperationLimit, operationLimitError } from './operation-limits';

/**
 * Refuses, before anything resolves, an operation whose page sizes are out of range (BAD_USER_INPUT
 * naming the argument) or, with valid page sizes only, whose cost is above GRAPHQL_MAX_COST. Both
 * need the variables, so they run here rather than as validation rules (see operation-limits.ts).
 */
@Plugin()
export class OperationLimitsPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly env: Environment,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const { schema } = this.schemaHost;
    const maxCost = this.env.GRAPHQL_MAX_COST;
    return {
      async didResolveOperation({ document, operation, request }) {
        if (!operation) return;
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
        if (!variables.coerced) return; // execution refuses the variables as BAD_USER_INPUT
        const { pageSizeProblems, cost } = analyzeOperation(schema, document, operation, variables.coerced);
        if (pageSizeProblems.length > 0) {
          const error = new BadUserInputError(pageSizeProblems);
          throw new GraphQLError(error.message, { extensions: { code: error.code, fields: error.fields, http: { status: 400 } } });
        }
        if (cost > maxCost) {
          throw operationLimitError(OperationLimit.COST, maxCost, `The operation costs ${cost}, more than the limit of ${maxCost}`);
        }
      },
    };
  }
}
