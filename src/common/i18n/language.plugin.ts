import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { RequestContext } from '../auth/request-context';
import { responseLanguage } from './language';
import { translateError } from './messages';

/**
 * Error and rule messages in the reader's language (issue #19): the signed-in user's setting, else
 * Accept-Language, else English. Runs on the formatted errors, so codes, fields and rule ids are the
 * same in both languages; the response says which one it is in (Content-Language).
 */
@Plugin()
export class LanguagePlugin implements ApolloServerPlugin<RequestContext> {
  async requestDidStart(): Promise<GraphQLRequestListener<RequestContext>> {
    return {
      async willSendResponse({ request, response, contextValue }) {
        const language = responseLanguage(contextValue?.user?.language, request.http?.headers.get('accept-language'));
        response.http.headers.set('content-language', language);
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (result.errors?.length) response.body.singleResult = { ...result, errors: result.errors.map((error) => translateError(error, language)) };
      },
    };
  }
}
