import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GRAPHQL_RESPONSE_JSON, graphqlResponseStatus, preferredResponseType } from './graphql-over-http';

/**
 * GraphQL over HTTP: a client that accepts `application/graphql-response+json` gets that media type
 * and the spec's status codes (400 for parse, validation and variable errors, 200 once execution
 * started). `application/json` keeps its current behaviour (BAD_USER_INPUT from a resolver answers 400).
 * Every answer says `Cache-Control: no-store`.
 * Registered after ServiceUnavailablePlugin, so it sees the 503 that plugin sets.
 */
@Plugin()
export class GraphqlOverHttpPlugin implements ApolloServerPlugin {
  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    return {
      async willSendResponse({ request, response }) {
        // Answers hold personal data: no browser or proxy may keep one (GET included).
        if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        if (response.body.kind !== 'single') return;
        if (preferredResponseType(request.http?.headers.get('accept')) !== GRAPHQL_RESPONSE_JSON) return;
        response.http.headers.set('content-type', `${GRAPHQL_RESPONSE_JSON}; charset=utf-8`);
        const result = response.body.singleResult;
        const hasData = 'data' in result && result.data !== undefined;
        response.http.status = graphqlResponseStatus(response.http.status, hasData, result.data === null);
      },
    };
  }
}
