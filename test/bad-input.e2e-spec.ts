import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { validPlacement, validStudent } from './support/fixtures';
import { Factories } from './support/factories';
import { TestApp } from './support/test-app';

/** Who makes a call: a factory-made user of each kind (see `beforeAll`). */
type Caller = 'platformAdmin' | 'sbbAuditor' | 'schoolAdmin' | 'schoolStaff' | 'companyAdmin' | 'companyStaff' | 'student';

/**
 * Bad input never becomes INTERNAL or HTTP 5xx, and never leaves a write behind. A schema-driven
 * fuzzer (fast-check, fixed seeds) calls every mutation as a user whose role may run it, with
 * arguments of the right shape and, mixed in, the wrong ones (nulls, missing and unknown fields,
 * wrong types, non-UUID ids, NUL characters, lone surrogates, extreme numbers, impossible dates);
 * targeted cases pin down each class the issue found. Queries get a lighter pass: never INTERNAL.
 */
const SCHEMA = buildSchema(readFileSync(join(__dirname, '..', 'graphql', 'schema.graphql'), 'utf8'));
const MUTATIONS = SCHEMA.getMutationType()!.getFields();

/** Who calls each mutation: a user with a role its `@Allow` lists (null: anonymous). */
const CALLER: Record<string, Caller | null> = {
  acceptInvitation: null,
  amendAgreement: 'schoolAdmin',
  amendPok: 'companyAdmin',
  answerProposal: 'companyAdmin',
  approveInternshipRegistration: 'schoolStaff',
  archiveStudent: 'schoolStaff',
  changePraktijkopleider: 'companyAdmin',
  assignTrainer: 'companyAdmin',
  // Alone on this user too: a wrong current password counts as a failed sign-in of hers.
  changePassword: 'companyStaff',
  closePlacement: 'companyAdmin',
  completeInternship: 'companyAdmin',
  // Issue #17: hours and assessment.
  approveHours: 'companyAdmin',
  confirmAssessment: 'schoolStaff',
  logHours: 'student',
  recordAssessment: 'companyAdmin',
  rejectHours: 'companyAdmin',
  confirmInternship: 'companyStaff',
  declineInternship: 'companyAdmin',
  completeSchoolTask: 'schoolStaff',
  completeSsoSignIn: null,
  configureSso: 'schoolAdmin',
  createAgreement: 'schoolAdmin',
  createApiKey: 'schoolAdmin',
  createBranch: 'companyAdmin',
  createNormSet: 'sbbAuditor',
  createOrganization: 'platformAdmin',
  createPlacement: 'companyAdmin',
  createReportExport: 'sbbAuditor',
  createStudent: 'schoolStaff',
  createTrainer: 'companyAdmin',
  deactivateUser: 'schoolAdmin',
  disableWebhookEndpoint: 'companyAdmin',
  endTrainerAssignment: 'companyAdmin',
  escalateDiscriminationReport: 'schoolStaff',
  fileDiscriminationReport: 'schoolStaff',
  fileMyDiscriminationReport: 'student',
  grantAccreditation: 'sbbAuditor',
  investigateDiscriminationReport: 'schoolStaff',
  inviteStudent: 'schoolStaff',
  lockStudentPreferences: 'schoolStaff',
  setMyPreferences: 'student',
  unlockStudentPreferences: 'schoolStaff',
  inviteUser: 'schoolAdmin',
  logContactMoment: 'schoolStaff',
  login: null,
  // Alone on this user: ending her sessions would sign out the callers of other mutations.
  logout: 'companyStaff',
  markNotificationsRead: 'schoolStaff',
  openMatchRound: 'platformAdmin',
  proposeAgreement: 'schoolAdmin',
  publishPlacement: 'companyAdmin',
  reactivateUser: 'schoolAdmin',
  recordAccreditationReview: 'sbbAuditor',
  recordEvaluation: 'schoolStaff',
  recordProtectedAttributes: 'schoolStaff',
  refuseAccreditation: 'sbbAuditor',
  registerInternship: 'schoolStaff',
  rejectInternshipRegistration: 'schoolStaff',
  registerWebhookEndpoint: 'companyAdmin',
  removeSsoConfiguration: 'schoolAdmin',
  resolveDiscriminationReport: 'schoolStaff',
  requestPasswordReset: null,
  rerunMatchRound: 'platformAdmin',
  resendGuardianSigningLink: 'schoolStaff',
  resendInvitation: 'schoolAdmin',
  resetPassword: null,
  retryDelivery: 'companyAdmin',
  revokeAccreditation: 'sbbAuditor',
  revokeApiKey: 'schoolAdmin',
  revokeInvitation: 'schoolAdmin',
  revokeSessions: 'companyStaff',
  saveQualificationDossier: 'sbbAuditor',
  sanctionDiscriminationReport: 'sbbAuditor',
  setEmailPreference: 'schoolStaff',
  setStudentPreferences: 'schoolStaff',
  signAgreement: 'companyAdmin',
  signPok: 'schoolStaff',
  signPokAsGuardian: null,
  startInternship: 'companyAdmin',
  terminateAgreement: 'companyAdmin',
  terminateInternship: 'schoolStaff',
  updatePlacement: 'companyAdmin',
  updateStudent: 'schoolStaff',
  updateTrainer: 'companyAdmin',
  updateUser: 'schoolStaff',
  withdrawInternshipRegistration: 'schoolStaff',
  withdrawProtectedAttributesConsent: 'schoolStaff',
};

/** Generated calls per mutation (a fixed seed each): about 600 in all. `FUZZ_RUNS=200` digs deeper locally. */
const RUNS_PER_MUTATION = Number(process.env.FUZZ_RUNS ?? 12);

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'x\ud800y';

/** Values no scalar should let through to a service. */
const invalidLeaf = fc.oneof(
  fc.constantFrom<unknown>('', 'nope', NUL, LONE_SURROGATE, '\udfff', 1.5, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, true, {}, [], 'NOPE'),
  fc.constantFrom('0000-01-01', '2026-02-30', '9999-12-31', '20270201', '00000000-0000-0000-0000-00000000000g'),
  fc.string({ maxLength: 8 }).map((text) => `${text}\u0000`),
  fc.string({ maxLength: 8 }).map((text) => `\ud83d${text}`),
);

/** What the generators draw on: real ids (so calls get past "not found") and right inputs to spoil one field of. */
interface Pools {
  ids: string[];
  /** By input type name: an input every rule accepts. */
  bases: Record<string, Record<string, unknown>>;
}

function validScalar(type: string, field: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (type) {
    case 'ID':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.ids) }, { weight: 1, arbitrary: fc.uuid() });
    case 'Int':
      return fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constantFrom(0, 1, 3, 2025, 2027, 500, 2 ** 31 - 1, -(2 ** 31)));
    case 'Float':
      return fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 9.5, 40, 1e300));
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
        fc.constantFrom('2027-02-01', '2027-06-30', '2026-01-05', '1900-01-01', '2999-12-31'),
      );
    case 'DateTime':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
    default: // String, by what the field holds, so that some calls get past the first check
      if (/crebo/i.test(field)) return fc.constantFrom('25655', '25180', '2565', '256555');
      if (/postcode/i.test(field)) return fc.constantFrom('3511', '3511 AB', '0000', '9711 AA');
      if (/email/i.test(field)) return fc.constantFrom('fuzz@student.test', 'admin@roc-utrecht.demo', 'not-an-email');
      if (/url/i.test(field)) return fc.constantFrom('https://example.test/hook', 'ftp://x', 'http://127.0.0.1/');
      if (/region/i.test(field)) return fc.constantFrom('Utrecht', 'Groningen', 'Atlantis');
      return fc.oneof(fc.string({ maxLength: 24 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('Verzorgende IG', 'x'.repeat(6000)));
  }
}

/** Arguments of `type`: right-shaped, or (noisy) now and then wrong. `undefined` means "left out". */
function valueOf(type: GraphQLInputType, field: string, noisy: boolean, pools: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const shaped = shapedOf(type.ofType, field, noisy, pools, depth);
    return noisy ? fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) }) : shaped;
  }
  // A nullable position: a value, left out, or null (what null means is the API's to decide, never a 500).
  return fc.oneof({ weight: 4, arbitrary: shapedOf(type, field, noisy, pools, depth) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
}

/** Every leaf's path in a plain value. */
const leafPaths = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
  value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key])) : [path];

/** `base` with the value at `path` replaced (`undefined` leaves the field out). */
function replaced(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const copy: any = Array.isArray(base) ? [...base] : { ...(base as object) };
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), value);
  if (copy[path[0]] === undefined && !Array.isArray(copy)) delete copy[path[0]];
  return copy;
}

/** A value of a nullable type's own shape (never null). */
function shapedOf(type: GraphQLInputType, field: string, noisy: boolean, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  const bad = (valid: fc.Arbitrary<unknown>) => (noisy ? fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: invalidLeaf }) : valid);
  if (isListType(type)) {
    return depth > 3 ? fc.constant([]) : fc.array(valueOf(type.ofType, field, noisy, pools, depth + 1), { maxLength: 3 });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = fc.record(Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type, f.name, noisy, pools, depth + 1)])));
    const extra = noisy ? fc.option(fc.constant({ unknownField: 1 }), { freq: 8, nil: {} }) : fc.constant({});
    const generated = fc.tuple(record, extra).map(([object, more]) => ({ ...object, ...more }));
    const base = pools.bases[type.name];
    if (!base) return generated;
    // A right input, or one with a single field spoilt: these get past the checks before the one under test.
    const spoilt = fc.tuple(fc.constantFrom(...leafPaths(base)), fc.oneof(invalidLeaf, fc.constantFrom(null, undefined))).map(([path, value]) => replaced(base, path, value));
    return fc.oneof(generated, noisy ? spoilt : fc.constant(base));
  }
  if (isEnumType(type)) return bad(fc.constantFrom(...type.getValues().map((value) => value.name)));
  return bad(validScalar((type as { name: string }).name, field, pools));
}

function operationOf(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const call = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Fuzz${variables ? `(${variables})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
}

/** A stable number per mutation name: its fast-check seed (`FUZZ_SEED` picks another set). */
const seedOf = (name: string) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, Number(process.env.FUZZ_SEED ?? 2026));

describe('bad input: never INTERNAL, never HTTP 5xx, nothing written', () => {
  let t: TestApp;
  let pools: Pools;
  let tokens: Record<string, string>;
  let checksumSql: string;
  /** A PUBLISHED placement of the company and a student of the school the calls are made as. */
  let ownPlacement: string;
  let ownStudent: string;
  let schoolStaffEmail: string;

  /** Row count and content hash of every table but the static ones: one SQL statement. */
  const checksum = async (): Promise<string> => (await t.dataSource.query(checksumSql))[0].sum;

  const post = async (query: string, variables: Record<string, unknown>, user: Caller | null) => {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    if (user) call.set('Authorization', `Bearer ${tokens[user]}`);
    const response = await call;
    return { status: response.status, body: response.body as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, any> }[] } };
  };

  beforeAll(async () => {
    // The API alone: no worker writes behind the requests' backs (relayed outbox rows, match rounds).
    t = await TestApp.start({ withWorker: false });
    const make = new Factories(t);
    const [platform, sbb, school, company] = await Promise.all([make.platformAdmin(), make.sbb(), make.school(), make.company()]);
    tokens = {
      platformAdmin: platform.token,
      sbbAuditor: sbb.token,
      schoolAdmin: school.admin.token,
      schoolStaff: school.staff.token,
      companyAdmin: company.admin.token,
      companyStaff: company.staff.token,
      // A student signed in as herself (issue #17), of another student of the school than `ownStudent`.
      student: (await make.studentAccount(school, await make.student(school))).token,
    } satisfies Record<Caller, string>;
    [ownPlacement, ownStudent, schoolStaffEmail] = [await make.publishedPlacement(company), (await make.student(school)).id, school.staff.email];
    const { branchId, trainerId, id: companyId } = company;
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('migrations', 'typeorm_metadata', 'postcodes') ORDER BY table_name`,
    );
    checksumSql = `SELECT concat_ws(' ', ${tables.map(({ name }) => `(SELECT '${name}:' || count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) FROM "${name}" x)`).join(', ')}) AS sum`;
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id::text FROM (SELECT id FROM placements UNION ALL SELECT id FROM students UNION ALL SELECT id FROM branches UNION ALL SELECT id FROM trainers
         UNION ALL SELECT id FROM accreditations UNION ALL SELECT id FROM organizations UNION ALL SELECT id FROM internships UNION ALL SELECT id FROM poks
         UNION ALL SELECT id FROM proposals UNION ALL SELECT id FROM agreements) ids`,
    );
    const terms = {
      years: 2, firstSchoolYear: 2026, contactsPerPeriod: 3, trainerTraining: true, minimumStipendMonthlyCents: 40000, blindMatching: true,
      commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 3 }],
    };
    pools = {
      ids: rows.map((row) => row.id),
      bases: {
        CreatePlacementInput: validPlacement(branchId, trainerId),
        UpdatePlacementInput: { title: 'Verzorgende IG — dagdienst', capacity: 3, stipendMonthlyCents: 40000, werkprocessen: ['signaleren'] },
        CreateStudentInput: validStudent(),
        UpdateStudentInput: { learningWish: 'Ouderenzorg', radiusKm: 12, accessibilityNeeds: 'Rolstoeltoegankelijk' },
        CreateBranchInput: { name: 'Fuzz vestiging', street: 'Oudegracht', houseNumber: '1', postcode: '3511 AB', city: 'Utrecht', addressHidden: false },
        CreateTrainerInput: { name: 'Fuzz Opleider', qualificationLevel: 4, yearsOfExperience: 5, email: 'opleider@fuzz.test', courseCompletedOn: '2025-01-10' },
        UpdateTrainerInput: { yearsOfExperience: 6, refresherCompletedOn: '2026-01-10' },
        GrantAccreditationInput: { branchId, crebo: '25180', grantedOn: '2026-01-05' },
        FileDiscriminationReportInput: { companyId, description: 'Bij het kennismakingsgesprek werd naar haar afkomst gevraagd', ground: 'RACE_OR_ORIGIN', incidentDate: '2026-03-01' },
        FileMyDiscriminationReportInput: { companyId, description: 'Bij het kennismakingsgesprek werd naar mijn afkomst gevraagd', ground: 'RACE_OR_ORIGIN', incidentDate: '2026-03-01', shareIdentityWithCompany: false },
        AmendPokInput: { hoursPerWeek: 24, werkprocessen: ['signaleren'] },
        LogContactMomentInput: { date: '2026-03-02', type: 'START', onSite: true, participants: ['STUDENT', 'SCHOOL'], notes: 'Kennismaking' },
        AddUserInput: { email: 'nieuw@fuzz.test', name: 'Nieuwe Gebruiker', role: 'STAFF' },
        UpdateUserInput: { name: 'Fuzz Naam', language: 'en' },
        CreateApiKeyInput: { name: 'Fuzz sleutel', role: 'STAFF' },
        CreateOrganizationInput: { name: 'Fuzz Zorg BV', type: 'COMPANY', kvkNumber: '12345678', sector: 'ZORG_WELZIJN_SPORT', firstAdmin: { email: 'beheer@fuzz.test', name: 'Fuzz Beheer' } },
        RegisterWebhookInput: { url: 'https://example.test/hook', eventTypes: ['PLACEMENT_PUBLISHED'] },
        CreateAgreementInput: { counterpartyId: companyId, ...terms },
        AgreementTermsInput: terms,
        CreateNormSetInput: { effectiveFrom: '2028-08-01', note: 'Nieuw minimumloon', norms: { stipendFloorCentsPerMonth: 42000, minorMaxHoursPerDay: 8.5 } },
        OpenMatchRoundInput: { periodFrom: '2027-01-01', periodTo: '2027-03-01', region: 'Utrecht' },
        EvaluationInput: { evaluator: 'STUDENT', rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: false, comments: 'Goed' },
        TerminateAgreementInput: { noticeDate: '2026-06-01', reason: 'Geen plaatsen meer' },
        LogHoursInput: { weekStart: '2027-02-01', hoursPerDay: [8, 8, 8, 8, 0, 0, 0], note: 'Eerste week' },
        ReviewHoursInput: { comment: 'Klopt niet' },
        RecordAssessmentInput: { werkprocessen: [{ werkproces: 'zorgplan uitvoeren', grade: 'VOLDOENDE', comment: 'Goed gedaan' }] },
        ProtectedAttributesInput: { consent: true, consentGivenOn: '2026-01-05', otherGround: 'geen' },
      },
    };
  }, 120_000);
  afterAll(() => t.stop());

  it('has a caller for every mutation in the schema', () => {
    expect(Object.keys(CALLER).sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it.each(Object.keys(MUTATIONS))('%s: generated calls answer data or a client error, and an error writes nothing', async (name) => {
    const field = MUTATIONS[name];
    const query = operationOf(field);
    const args = (noisy: boolean) => fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name, noisy, pools)])));
    await fc.assert(
      fc.asyncProperty(fc.oneof(args(false), args(true)), async (variables) => {
        const before = await checksum();
        const { status, body } = await post(query, variables, CALLER[name]);
        const codes = (body.errors ?? []).map((error) => error.extensions?.code);
        const problem =
          status >= 500 ? `HTTP ${status}`
          : codes.includes('INTERNAL') ? 'an INTERNAL error'
          : body.errors?.length && body.data === undefined && status !== 400 ? `a request error with HTTP ${status}, not 400`
          : body.errors?.length && (await checksum()) !== before ? 'a write although it failed'
          : null;
        if (problem) throw new Error(`${problem}: ${JSON.stringify({ variables, status, body })}`);
      }),
      { seed: seedOf(name), numRuns: RUNS_PER_MUTATION, endOnFailure: true },
    );
  });

  const QUERIES = SCHEMA.getQueryType()!.getFields();
  const READERS: Caller[] = ['schoolStaff', 'companyAdmin', 'sbbAuditor', 'platformAdmin'];
  it.each(Object.keys(QUERIES).filter((name) => QUERIES[name].args.length > 0))('query %s: generated arguments never answer INTERNAL or HTTP 5xx', async (name) => {
    const field = QUERIES[name];
    const query = operationOf(field).replace(/^mutation/, 'query');
    const args = (noisy: boolean) => fc.record(Object.fromEntries(field.args.map((arg) => [arg.name, valueOf(arg.type, arg.name, noisy, pools)])));
    await fc.assert(
      fc.asyncProperty(fc.oneof(args(false), args(true)), fc.constantFrom(...READERS), async (variables, user) => {
        const { status, body } = await post(query, variables, user);
        const codes = (body.errors ?? []).map((error) => error.extensions?.code);
        if (status >= 500 || codes.includes('INTERNAL')) throw new Error(`HTTP ${status}: ${JSON.stringify({ user, variables, body })}`);
      }),
      { seed: seedOf(name), numRuns: Number(process.env.FUZZ_QUERY_RUNS ?? 6), endOnFailure: true },
    );
  });

  const placementId = async () => ownPlacement;
  const studentId = async () => ownStudent;
  const UPDATE_PLACEMENT = 'mutation($id: ID!, $input: UpdatePlacementInput!) { updatePlacement(id: $id, input: $input) { __typename } }';
  const UPDATE_STUDENT = 'mutation($id: ID!, $input: UpdateStudentInput!) { updateStudent(id: $id, input: $input) { accessibilityNeeds } }';
  const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
  const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';
  const student = (identity: Record<string, unknown> = {}) => ({
    crebo: '25655', level: 3, leerweg: 'BOL', cohort: 2025, learningWish: 'Zorg', werkprocessen: [], homePostcode: '3511', radiusKm: 10,
    availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32,
    identity: { fullName: 'Fuzz Student', dateOfBirth: '2007-01-01', email: 'fuzz.student@student.test', ...identity },
  });

  /** Each class the issue found: [what, caller, operation, variables (a function: ids come from the database), HTTP status, the field path named]. */
  const CASES: [string, Caller | null, string, () => Promise<Record<string, unknown>>, number, string][] = [
    ['null for an ID! variable', 'companyAdmin', 'mutation($id: ID!) { closePlacement(id: $id) { id } }', async () => ({ id: null }), 400, 'id'],
    ['a missing ID! variable', 'companyAdmin', 'mutation($id: ID!) { closePlacement(id: $id) { id } }', async () => ({}), 400, 'id'],
    ['a wrong enum value', 'schoolStaff', CREATE_STUDENT, async () => ({ input: { ...student(), leerweg: 'NOPE' } }), 400, 'input.leerweg'],
    ['a missing required input field', 'schoolStaff', CREATE_STUDENT, async () => ({ input: { ...student(), crebo: undefined } }), 400, 'input.crebo'],
    ['an Int beyond 32 bits', 'companyAdmin', UPDATE_PLACEMENT, async () => ({ id: await placementId(), input: { capacity: 2 ** 31 } }), 400, 'input.capacity'],
    ['a non-UUID id in a variable', 'companyAdmin', 'mutation($id: ID!) { closePlacement(id: $id) { id } }', async () => ({ id: 'nope' }), 400, 'id'],
    ['a non-UUID id inline', 'companyAdmin', 'mutation { closePlacement(id: "nope") { id } }', async () => ({}), 400, 'id'],
    ['a non-UUID id in a list', 'schoolStaff', 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }', async () => ({ ids: ['00000000-0000-0000-0000-000000000000', '42'] }), 400, 'ids.1'],
    ['a NUL in login, anonymously', null, LOGIN, async () => ({ email: `${schoolStaffEmail}${NUL}`, password: 'x' }), 400, 'email'],
    ['a NUL in a nested string', 'schoolStaff', CREATE_STUDENT, async () => ({ input: student({ fullName: NUL }) }), 400, 'input.identity.fullName'],
    ['a lone surrogate (audit row jsonb)', 'companyAdmin', UPDATE_PLACEMENT, async () => ({ id: await placementId(), input: { description: LONE_SURROGATE } }), 400, 'input.description'],
    ['a lone surrogate in an e-mail', 'schoolStaff', CREATE_STUDENT, async () => ({ input: student({ email: 'fuzz\ud800@student.test' }) }), 400, 'input.identity.email'],
    ['a LocalDate of year 0000', 'schoolStaff', CREATE_STUDENT, async () => ({ input: student({ dateOfBirth: '0000-01-01' }) }), 400, 'input.identity.dateOfBirth'],
    ['a LocalDate of year 0000 inline', 'sbbAuditor', 'mutation { refuseAccreditation(input: { branchId: "00000000-0000-0000-0000-000000000000", crebo: "25655", refusedOn: "0000-01-01", reason: "x" }) { id } }', async () => ({}), 400, ''],
    // Rules of the validation pipe are field errors: HTTP 200 with data null, as GraphQL over HTTP has it.
    ['an explicit null for a field an update keeps', 'companyAdmin', UPDATE_PLACEMENT, async () => ({ id: await placementId(), input: { title: null } }), 400, 'input.title'],
    ['an explicit null in a POK amendment', 'companyAdmin', 'mutation($id: ID!) { amendPok(internshipId: $id, input: { hoursPerWeek: null }) { id } }', async () => ({ id: '00000000-0000-0000-0000-000000000000' }), 400, 'input.hoursPerWeek'],
  ];

  it.each(CASES)('%s is BAD_USER_INPUT naming the argument, and writes nothing', async (_what, user, query, variables, status, path) => {
    const before = await checksum();
    const response = await post(query, await variables(), user);
    expect({ status: response.status, code: response.body.errors?.[0]?.extensions?.code }).toEqual({ status, code: 'BAD_USER_INPUT' });
    if (path) expect(response.body.errors![0].extensions!.fields.map((field: { path: string }) => field.path)).toContain(path);
    expect(await checksum()).toBe(before);
  });

  it('lets null clear a field the create input may leave empty (null means "clear" only there)', async () => {
    const id = await studentId();
    const staff = tokens.schoolStaff;
    expect(staff).toBeDefined();
    const set = await post(UPDATE_STUDENT, { id, input: { accessibilityNeeds: 'Rolstoeltoegankelijk' } }, 'schoolStaff');
    expect(set.body.data).toEqual({ updateStudent: { accessibilityNeeds: 'Rolstoeltoegankelijk' } });
    const cleared = await post(UPDATE_STUDENT, { id, input: { accessibilityNeeds: null } }, 'schoolStaff');
    expect(cleared.body.data).toEqual({ updateStudent: { accessibilityNeeds: null } });
  });
});
