import type { GraphQLFormattedError } from 'graphql';
import type { Language } from './language';
import { EXACT_NL, PATTERNS_NL, THINGS_NL } from './messages.nl';

const NOT_FOUND = /^(.+) was not found$/;
/** ComplianceRejection.message: "<what> breaks Stagepact rule(s) R6, R15: <finding>; <finding>". */
const REJECTION = /^(This placement|This change to a published placement|Assigning this praktijkopleider|This internship) breaks Stagepact rules? ([R\d, ]+): (.*)$/s;
const WHAT_NL: Record<string, string> = {
  'This placement': 'Deze stageplaats',
  'This change to a published placement': 'Deze wijziging van een gepubliceerde stageplaats',
  'Assigning this praktijkopleider': 'Het toewijzen van deze praktijkopleider',
  'This internship': 'Deze stage',
};
/** IneligiblePreferences.message: "2 placements cannot be matched to this student: #1 <why>; #3 <why>". */
const INELIGIBLE = /^(\d+) placements? cannot be matched to this student: (.*)$/s;
const NO_SUCH = /^no (.+) with this id$/;

/**
 * One message in `language`: English as written in the code; Dutch from the catalog
 * (messages.nl.ts), falling back to the English text for a message the catalog does not know.
 */
export function translate(message: string, language: Language): string {
  if (language === 'en') return message;
  // class-validator's `each: true` prefix before any of its messages.
  if (message.startsWith('each value in ')) {
    const rest = translate(message.slice('each value in '.length), language);
    return rest === message.slice('each value in '.length) ? message : `elke waarde in ${rest}`;
  }
  const exact = EXACT_NL[message];
  if (exact !== undefined) return exact;
  const notFound = NOT_FOUND.exec(message);
  if (notFound && THINGS_NL[notFound[1]]) return `${THINGS_NL[notFound[1]]} niet gevonden`;
  const noSuch = NO_SUCH.exec(message);
  if (noSuch) {
    const thing = Object.keys(THINGS_NL).find((key) => key.toLowerCase() === noSuch[1]);
    // A noun in the middle of a sentence: lower case, but an abbreviation (POK, API-sleutel) as written.
    if (thing) return `geen ${/^[A-Z]{2}/.test(THINGS_NL[thing]) ? THINGS_NL[thing] : THINGS_NL[thing].charAt(0).toLowerCase() + THINGS_NL[thing].slice(1)} met deze id`;
  }
  const rejection = REJECTION.exec(message);
  if (rejection) {
    const findings = translateList(rejection[3], language);
    return `${WHAT_NL[rejection[1]]} breekt Stagepact-regel(s) ${rejection[2]}: ${findings}`;
  }
  const ineligible = INELIGIBLE.exec(message);
  if (ineligible) {
    const entries = ineligible[2].split(/; (?=#\d+ )/).map((entry) => entry.replace(/^(#\d+) (.*)$/s, (_all, position: string, why: string) => `${position} ${translate(why, language)}`));
    return `${ineligible[1]} stageplaats(en) kunnen niet aan deze student gekoppeld worden: ${entries.join('; ')}`;
  }
  for (const [pattern, dutch] of PATTERNS_NL) {
    if (pattern.test(message)) return message.replace(pattern, dutch);
  }
  return message;
}

/** Messages joined by "; " (a message may hold "; " itself): the longest run of parts the catalog knows, in order. */
function translateList(text: string, language: Language): string {
  const parts = text.split('; ');
  const out: string[] = [];
  for (let start = 0; start < parts.length; ) {
    let end = parts.length;
    while (end > start + 1 && translate(parts.slice(start, end).join('; '), language) === parts.slice(start, end).join('; ')) end--;
    out.push(translate(parts.slice(start, end).join('; '), language));
    start = end;
  }
  return out.join('; ');
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
