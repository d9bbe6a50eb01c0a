import { defaultFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { RequestContext } from '../auth/request-context';
import { responseLanguage } from './language';
import { translate } from './messages';

/**
 * Result types whose `message` is a rule message for people (compliance findings, a rejection,
 * why a preference is not eligible, what the matcher did with a choice): the field answers in the
 * reader's language, like error messages (LanguagePlugin). Only these fields are wrapped.
 */
export const TYPES_WITH_MESSAGES = ['ComplianceFinding', 'ComplianceRejection', 'ExplainedChoice', 'IneligibleEntry', 'IneligiblePreferences'] as const;

export function translateResultMessages(schema: GraphQLSchema): GraphQLSchema {
  for (const name of TYPES_WITH_MESSAGES) {
    const type = schema.getType(name);
    const field = type && isObjectType(type) ? type.getFields().message : undefined;
    if (!field) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context: RequestContext, info) => {
      const message: unknown = await resolve(source, args, context, info);
      if (typeof message !== 'string') return message;
      return translate(message, responseLanguage(context?.user?.language, context?.req?.headers['accept-language']));
    };
  }
  return schema;
}
