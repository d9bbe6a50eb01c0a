import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageScanner } from './testing/message-sources';
import { translate } from './messages';

/**
 * Issue #19: a Dutch user reads every message the API can send her in Dutch. The messages are read
 * from the sources (testing/message-sources.ts: the domain errors, NOT_FOUND names, class-validator and other
 * `message:` options, rule findings, eligibility reasons, result unions), template values filled with
 * samples, and each must be known to the Dutch catalog. A new message without a Dutch text fails here.
 */

/** Messages deliberately sent in English to everyone, with the reason. (None so far.) */
const KEPT_ENGLISH: Readonly<Record<string, string>> = {};

/**
 * Places a message is passed on from elsewhere rather than written: the scanner cannot follow them,
 * and need not, as the texts they carry are collected where they are made. A new place that cannot be
 * followed fails the test until it is listed here (with where its texts come from) or made followable.
 */
const RELAYS: Readonly<Record<string, string>> = {
  'common/auth/password-policy.ts problem.message': 'the `message:` of passwordProblem, collected there',
  'modules/imports/imports.controller.ts error.message': 'a SpreadsheetError: its texts are collected at `new SpreadsheetError(…)`',
  'modules/qualifications/qualifications.service.ts outcome.overlap': 'the `overlap:` of write(), collected there',
  'modules/qualifications/qualifications.service.ts written.overlap': 'the `overlap:` of write(), collected there',
  'common/errors/format-graphql-error.ts message': "an error's own message (collected where it is thrown) or 'Internal server error'",
  'common/errors/graphql-exception.filter.ts exception.message': 'a DomainError or HttpException: collected where thrown',
  'common/graphql/graphql-config.ts error.message': 'graphql-js parse and validation errors: its common ones are patterns in the catalog (see below)',
  'common/graphql/input-boundary.plugin.ts fields.map((field) => `${field.path}: ${field.message}`).join(\'; \')': 'composed of field problems collected in input-boundary.ts; translateError translates it field by field',
  'common/graphql/operation-limits.plugin.ts error.message': 'a BadUserInputError of page-size problems, collected in operation-cost.ts',
  'common/validation/input-validation.pipe.ts message': 'class-validator constraint messages: the `message:` options of the DTO decorators, collected there',
  'modules/compliance/rules/r04-qualification-codes.rule.ts problem.message': 'register-check.ts problems, collected there',
  'modules/imports/http-errors.ts error.message': 'a DomainError: collected where thrown',
  'modules/imports/http-errors.ts message': 'the messages of the errors it wraps, collected where they are made',
  'modules/notifications/notification-dispatcher.service.ts message': 'a notification Message object (its own languages), not an error message',
  'modules/placements/placement-import.ts result.message': 'a compliance rejection or finding: collected in the rules',
  'modules/placements/placement-import.ts error.message': 'a DomainError: collected where thrown',
  'modules/placements/placement-import.ts field.message': 'a field problem of a BadUserInputError: collected where thrown',
  'modules/placements/placement-import.ts message': 'class-validator constraint messages of the DTOs, collected there',
  'modules/qualifications/qualifications.service.ts problem.message': 'register-check.ts and qualification problems, collected there',
  'modules/students/student-import.ts problem.message': 'the students service problems, collected there',
};

/** graphql-js's own messages a client commonly causes (they come from graphql-js, not our sources). */
const GRAPHQL_SAMPLES = [
  'Variable "$id" got invalid value "nope"; Expected type "ID".',
  'Variable "$id" of required type "ID!" was not provided.',
  'Variable "$id" of non-null type "ID!" must not be null.',
  'Cannot query field "nmae" on type "Student". Did you mean "name"?',
  'Cannot query field "nmae" on type "Student".',
  'Syntax Error: Expected Name, found "}".',
];

/** The result unions' composite messages (messages.ts REJECTION and INELIGIBLE), with findings the rules send. */
const COMPOSITE_SAMPLES = [
  'This placement breaks Stagepact rule R5: Assign a praktijkopleider of your company to this placement',
  'This change to a published placement breaks Stagepact rules R12, R15: BOL placements are at most 40 h a week; The stipend must be at least €320.00 a month at 32 h a week (€400.00 at 40 h, pro rata)',
  'Assigning this praktijkopleider breaks Stagepact rule R6: The praktijkopleider already guides 3 students; at most 3 at a time',
  'This internship breaks Stagepact rule R7: The praktijkopleider needs the leermeester course',
  '1 placement cannot be matched to this student: #2 the placement has no free seat',
];

describe('Dutch catalog coverage (issue #19)', () => {
  const scanner = new MessageScanner().scan();
  const messages = [...new Map(scanner.found.map((found) => [found.text, found])).values()];

  it('finds the messages in the sources', () => {
    expect(messages.length).toBeGreaterThan(550);
    const texts = messages.map((found) => found.text);
    // One of each kind of source, so a scanner that silently finds nothing fails.
    expect(texts).toEqual(
      expect.arrayContaining([
        'Sign in first',
        'Your role does not allow this operation',
        'Placement was not found',
        'no student with this id',
        'a placement may appear once in the list',
        'level must be 1, 2, 3 or 4 (R4)',
        'The praktijkopleider needs the leermeester course',
        'the placement has no free seat',
        'matched: a proposal was made',
        'Too many attempts; try again in 3 seconds',
        // class-validator's own default, for a decorator without a message: (@Max(500) on a placement's capacity)
        'capacity must not be greater than 500',
      ]),
    );
  });

  it('finds a new message however it is written (so a new untranslated one fails the catalog test)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-coverage-'));
    fs.writeFileSync(
      path.join(root, 'example.service.ts'),
      [
        "const WHY: Record<string, string> = { a: 'reason one', b: 'reason two' };",
        "const FIXED = 'a constant message';",
        'function why(kind: string) { return WHY[kind]; }',
        'function refuse(text: string) { throw new ForbiddenError(text); }',
        'export function check(id: string, n: number, kind: string) {',
        "  if (n > 1) throw new ConflictError(`Thing ${id} is ${n === 2 ? 'two' : 'more'}`);",
        '  if (n < 0) throw BadUserInputError.field("n", FIXED);',
        "  if (!id) throw new NotFoundError('Widget', { field: 'id' });",
        '  refuse("not for you");',
        '  return [{ path: "kind", message: why(kind) }];',
        '}',
        'class Dto { @Min(1) count!: number; }',
      ].join('\n'),
    );
    const scanner = new MessageScanner(root).scan();
    fs.rmSync(root, { recursive: true });
    expect(scanner.found.map((found) => found.text).sort()).toEqual(
      [
        'Thing 7c9e6679-7425-40de-944b-e07fc1f52cf0 is more',
        'Thing 7c9e6679-7425-40de-944b-e07fc1f52cf0 is two',
        'Widget was not found',
        'a constant message',
        'count must not be less than 1',
        'no widget with this id',
        'not for you',
        'reason one',
        'reason two',
      ].sort(),
    );
    expect(scanner.unresolved).toEqual([]);
  });

  it('follows every message to where it is written, or knows why not', () => {
    const unknown = scanner.unresolved.map((u) => `${u.file} ${u.expression}`).filter((key) => !(key in RELAYS));
    expect(unknown).toEqual([]);
  });

  it('has a Dutch text for every message the code can send', () => {
    const untranslated = messages.filter((found) => !(found.text in KEPT_ENGLISH) && translate(found.text, 'nl') === found.text).map((found) => `${found.file}:${found.line}  ${found.text}`);
    expect(untranslated).toEqual([]);
  });

  it('leaves no English sentence words in a Dutch text (a pattern that matched only half a message)', () => {
    const halfEnglish = messages
      .map((found) => ({ found, dutch: translate(found.text, 'nl') }))
      .filter(({ found, dutch }) => !(found.text in KEPT_ENGLISH) && /\b(must|the|is not|was not|already|cannot|needs|values|each|only)\b/.test(dutch))
      .map(({ found, dutch }) => `${found.file}:${found.line}  ${found.text}  =>  ${dutch}`);
    expect(halfEnglish).toEqual([]);
  });

  it('has a Dutch text for the composite rule messages and the common graphql-js errors', () => {
    const untranslated = [...COMPOSITE_SAMPLES, ...GRAPHQL_SAMPLES].filter((text) => translate(text, 'nl') === text);
    expect(untranslated).toEqual([]);
    // The findings inside a rejection are translated too, not only its head.
    expect(translate(COMPOSITE_SAMPLES[0], 'nl')).toBe('Deze stageplaats breekt Stagepact-regel(s) R5: Wijs een praktijkopleider van uw bedrijf aan deze stageplaats toe');
    expect(translate('each value in leerwegen must be one of the following values: BOL, BBL', 'nl')).toBe('elke waarde in leerwegen moet een van de volgende waarden zijn: BOL, BBL');
    expect(translate('no pok with this id', 'nl')).toBe('geen POK met deze id');
  });
});
