import type { GraphQLFormattedError } from 'graphql';
import type { Language } from './language';
import { EXACT_NL, PATTERNS_NL, THINGS_NL } from './messages.nl';

const NOT_FOUND = /^(.+) was not found$/;
const NO_SUCH = /^no (.+) with this id$/;

/**
 * One message in `language`: English as written in the code; Dutch from the catalog
 * (messages.nl.ts), falling back to the English text for a message the catalog does not know.
 */
export function translate(message: string, language: Language): string {
  if (language === 'en') return message;
  const exact = EXACT_NL[message];
  if (exact !== undefined) return exact;
  const notFound = NOT_FOUND.exec(message);
  if (notFound && THINGS_NL[notFound[1]]) return `${THINGS_NL[notFound[1]]} niet gevonden`;
  const noSuch = NO_SUCH.exec(message);
  if (noSuch) {
    const thing = Object.keys(THINGS_NL).find((key) => key.toLowerCase() === noSuch[1]);
    if (thing) return `geen ${THINGS_NL[thing].toLowerCase()} met deze id`;
  }
  for (const [pattern, dutch] of PATTERNS_NL) {
    if (pattern.test(message)) return message.replace(pattern, dutch);
  }
  return message;
}

interface FieldProblemLike {
  path?: unknown;
  message?: unknown;
  [key: string]: unknown;
}

/**
 * An error as the client reads it in `language`: its message and each `extensions.fields[].message`;
 * `code`, field paths, rule ids and every other extension unchanged. A BAD_USER_INPUT message made of
 * its fields ("path: message; …") is made again of the translated fields.
 */
export function translateError(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  if (language === 'en') return error;
  const fields = Array.isArray(error.extensions?.fields) ? (error.extensions.fields as FieldProblemLike[]) : undefined;
  const translatedFields = fields?.map((field) => (typeof field.message === 'string' ? { ...field, message: translate(field.message, language) } : field));
  const composed = fields?.map((field) => `${String(field.path)}: ${String(field.message)}`).join('; ');
  const message =
    fields && translatedFields && composed === error.message
      ? translatedFields.map((field) => `${String(field.path)}: ${String(field.message)}`).join('; ')
      : translate(error.message, language);
  return { ...error, message, ...(translatedFields ? { extensions: { ...error.extensions, fields: translatedFields } } : {}) };
}
