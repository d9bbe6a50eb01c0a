import { Plugin } from '@nestjs/apollo';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { Environment } from '../../config/environment';
import { connectionEstimator, operationDepth, operationLimitError } from './operation-limits';

/** Refuses, before anything resolves, an operation deeper or costlier than the configured limits. */
@Plugin()
export class OperationLimitsPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly env: Environment,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const { schema } = this.schemaHost;
    const { GRAPHQL_MAX_DEPTH: maxDepth, GRAPHQL_MAX_COST: maxCost } = this.env;
    return {
      async didResolveOperation({ document, operation, request }) {
        if (!operation) return;
        const depth = operationDepth(document, operation);
        if (depth > maxDepth) throw operationLimitError('depth', depth, maxDepth);
        const cost = getComplexity({
          schema,
          query: document,
          operationName: request.operationName ?? undefined,
          variables: request.variables ?? {},
          estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
        });
        if (cost > maxCost) throw operationLimitError('cost', cost, maxCost);
      },
    };
  }
}
