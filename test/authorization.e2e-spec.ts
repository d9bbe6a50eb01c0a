import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RedactStudentNamesFromAudit1795472000000 } from '../migrations/1795472000000-RedactStudentNamesFromAudit';
import { main as orgCreate } from '../src/modules/organizations/org-create.command';
import { arrangeOpenProposals, placeStudent, proposeStudent } from './support/placement-flow';
import { eventually } from './support/receivers';
import { dataOf, type DemoUser, type GraphqlResponse, onlyError, TestApp } from './support/test-app';

/**
 * Issue #12 §5, authorization and the blind view (R20): each attack, and its refusal with the code
 * and HTTP status a client sees.
 */
const ASSIGN = 'mutation($input: AssignTrainerInput!) { assignTrainer(input: $input) { __typename ... on TrainerAssignment { id studentId } } }';
const PROPOSALS = 'query($s: ID) { proposals(studentId: $s, first: 100) { totalCount edges { node { id candidate { pseudonym } placement { id } } } } }';
const AMEND_POK = 'mutation($id: ID!, $input: AmendPokInput!) { amendPok(internshipId: $id, input: $input) { id version } }';
const AUDIT_PAGE = 'query($after: String) { auditLog(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id action entityType entityId before after } } } }';
const CREATE_EXPORT = 'mutation($input: ReportExportInput!) { createReportExport(input: $input) { url } }';
const CREATE_ORGANIZATION = 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id type } }';
const ADD_USER = 'mutation($input: AddUserInput!) { addUser(input: $input) { id } }';
const ROUND_SEED = 'query($id: ID!) { matchRound(id: $id) { id lotterySeed } }';

const STUDENT = { fullName: 'Zeynep Aydın-Verhoeven', dateOfBirth: '2007-03-09', email: 'zeynep.verhoeven@student.test' };
const PROPOSED = { fullName: 'Bram Okonkwo-de Graaf', dateOfBirth: '2006-11-21', email: 'bram.degraaf@student.test' };
const HEX_SEED = /^[0-9a-f]{64}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('authorization and the blind view (R20)', () => {
  let t: TestApp;
  let brasserie: string;
  const ids = { roc: '', noorderpoort: '', domstad: '', internship: '', pok: '', placed: '', proposed: '', proposal: '', proposalPlacement: '' };

  /** One GraphQL call over HTTP, with the status the client sees. */
  const post = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await request(t.app.getHttpServer()).post('/graphql').set('Authorization', `Bearer ${token}`).send({ query, variables });
    return { status: response.status, body: response.body as GraphqlResponse };
  };
  const as = (user: DemoUser) => t.as(user);
  const organizationOf = async (token: string) => dataOf(await t.gql('{ me { organization { id } } }', {}, token)).me.organization.id as string;

  beforeAll(async () => {
    t = await TestApp.start();
    brasserie = await t.login('admin@brasserie.demo', 'stagematch-demo-2026');
    ids.roc = await organizationOf(await as('schoolStaff'));
    ids.noorderpoort = await organizationOf(await as('otherSchoolAdmin'));
    ids.domstad = await organizationOf(await as('companyAdmin'));
    ids.internship = await placeStudent(t, STUDENT);
    const placed = dataOf(await t.gql('{ internships(first: 100) { edges { node { id studentId pok { id } } } } }', {}, await as('schoolStaff')))
      .internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === ids.internship);
    [ids.placed, ids.pok] = [placed.studentId, placed.pok.id];
    ({ studentId: ids.proposed, proposalId: ids.proposal } = await proposeStudent(t, PROPOSED));
    const [proposal] = dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, await as('schoolStaff'))).proposals.edges.map((edge: any) => edge.node);
    ids.proposalPlacement = proposal.placement.id;
  });
  afterAll(() => t.stop());

  describe('assignTrainer reaches only students proposed or placed at that placement', () => {
    it("refuses another school's student as a random id: NOT_FOUND (HTTP 200), same message, nothing written", async () => {
      const company = await as('companyAdmin');
      const [{ id: stranger }] = await t.dataSource.query('SELECT id FROM students WHERE school_id = $1 ORDER BY id LIMIT 1', [ids.noorderpoort]);
      const before = await t.count('trainer_assignments');
      const attack = await post(ASSIGN, { input: { placementId: ids.proposalPlacement, studentId: stranger } }, company);
      const random = await post(ASSIGN, { input: { placementId: ids.proposalPlacement, studentId: randomUUID() } }, company);
      expect(attack.status).toBe(200);
      expect(attack.body.data).toBeNull();
      expect(onlyError(attack.body).extensions).toEqual({ code: 'NOT_FOUND', fields: [{ path: 'input.studentId', message: 'no student with this id' }] });
      expect(attack.body.errors).toEqual(random.body.errors);
      expect(JSON.stringify(attack.body)).not.toContain(stranger);
      expect(await t.count('trainer_assignments')).toBe(before);
      // Noorderpoort did not become a school "linked" to the company.
      expect(await t.count(`trainer_assignments a JOIN students s ON s.id = a.student_id WHERE s.school_id = '${ids.noorderpoort}'`)).toBe(0);
    });

    it('refuses a student proposed at another placement of the company, and accepts her at her own and the placed student at hers', async () => {
      const company = await as('companyAdmin');
      const [{ id: elsewhere }] = await t.dataSource.query(`SELECT id FROM placements WHERE company_id = $1 AND id <> $2 AND status <> 'CLOSED' ORDER BY id LIMIT 1`, [
        ids.domstad,
        ids.proposalPlacement,
      ]);
      expect(onlyError((await post(ASSIGN, { input: { placementId: elsewhere, studentId: ids.proposed } }, company)).body).extensions.code).toBe('NOT_FOUND');
      const [{ placement_id: internshipPlacement }] = await t.dataSource.query('SELECT placement_id FROM internships WHERE id = $1', [ids.internship]);
      for (const [placementId, studentId] of [[ids.proposalPlacement, ids.proposed], [internshipPlacement, ids.placed]]) {
        expect(dataOf(await t.gql(ASSIGN, { input: { placementId, studentId } }, company)).assignTrainer).toEqual({ __typename: 'TrainerAssignment', id: expect.any(String), studentId });
      }
    });
  });

  describe('proposals(studentId) is refused to companies', () => {
    it('FORBIDDEN (HTTP 200) naming studentId, nothing returned; the school still filters by its own student', async () => {
      const attack = await post(PROPOSALS, { s: ids.proposed }, await as('companyAdmin'));
      expect(attack.status).toBe(200);
      expect(attack.body.data).toBeNull();
      const error = onlyError(attack.body);
      expect(error.extensions).toEqual({ code: 'FORBIDDEN' });
      expect(error.message).toContain('studentId');
      expect(JSON.stringify(attack.body)).not.toContain('Kandidaat');

      expect(dataOf(await t.gql(PROPOSALS, {}, await as('companyAdmin'))).proposals.totalCount).toBeGreaterThan(0);
      const own = dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, await as('schoolStaff'))).proposals;
      expect(own.edges.map((edge: any) => edge.node.id)).toEqual([ids.proposal]);
      expect(dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, await as('otherSchoolAdmin'))).proposals.totalCount).toBe(0);
    });
  });

  describe('no student identity in audit rows SBB reads or exports', () => {
    const identityIn = (text: string) => [STUDENT.fullName, 'Aydın-Verhoeven', STUDENT.dateOfBirth, STUDENT.email].filter((needle) => text.includes(needle));

    it('amends a POK: the audit log (GraphQL) and the AUDIT_LOG CSV show the change but not her name, birth date or e-mail', async () => {
      dataOf(await t.gql(AMEND_POK, { id: ids.internship, input: { hoursPerWeek: 28 } }, await as('schoolStaff')));
      const sbb = await as('sbbAuditor');
      const pages: string[] = [];
      let after: string | undefined;
      let amended: any;
      do {
        const { auditLog } = dataOf(await t.gql(AUDIT_PAGE, { after }, sbb));
        pages.push(JSON.stringify(auditLog));
        amended ??= auditLog.edges.map((edge: any) => edge.node).find((node: any) => node.action === 'pok.amended');
        after = auditLog.pageInfo.hasNextPage ? auditLog.pageInfo.endCursor : undefined;
      } while (after);
      expect(amended).toMatchObject({ entityType: 'pok', after: { hoursPerWeek: 28, company: 'Zorggroep Domstad' } });
      expect(amended.before.hoursPerWeek).not.toBe(28);
      expect(amended.after).not.toHaveProperty('student');
      expect(identityIn(pages.join('\n'))).toEqual([]);

      const { url } = dataOf(await t.gql(CREATE_EXPORT, { input: { report: 'AUDIT_LOG' } }, sbb)).createReportExport;
      const csv = await request(t.app.getHttpServer()).get(new URL(url).pathname);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('pok.amended');
      expect(identityIn(csv.text)).toEqual([]);
    });

    it('the migration redacts names from POK rows written before, records that it did, and leaves the log append-only', async () => {
      const legacy = { school: 'ROC Utrecht', student: 'Legacy Naam-Voorbeeld', hoursPerWeek: 32 };
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO audit_log (actor_role, action, entity_type, entity_id, before, after) VALUES ('SCHOOL', 'pok.amended', 'pok', $1, $2, $3) RETURNING id`,
        [ids.pok, legacy, { ...legacy, hoursPerWeek: 30 }],
      );
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await new RedactStudentNamesFromAudit1795472000000().up(runner);
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      const [row] = await t.dataSource.query('SELECT before, after FROM audit_log WHERE id = $1', [id]);
      expect(row).toEqual({ before: { school: 'ROC Utrecht', hoursPerWeek: 32 }, after: { school: 'ROC Utrecht', hoursPerWeek: 30 } });
      const [redaction] = await t.dataSource.query(`SELECT actor_role, after FROM audit_log WHERE action = 'audit_log.redacted'`);
      expect(redaction).toEqual({ actor_role: 'MIGRATION', after: { rows: 1, removed: 'terms.student', rule: 'R20' } });
      await expect(t.dataSource.query('UPDATE audit_log SET after = NULL WHERE id = $1', [id])).rejects.toThrow('append-only');
    });
  });

  describe('SBB and PLATFORM organizations are made on the command line only', () => {
    const firstAdmin = (email: string) => ({ email, name: 'Nieuwe Beheerder', password: 'a long enough password' });

    it.each(['SBB', 'PLATFORM'])('refuses createOrganization(type: %s) for the operator: BAD_USER_INPUT on input.type (HTTP 400), nothing written', async (type) => {
      const before = await t.count('organizations');
      const attack = await post(CREATE_ORGANIZATION, { input: { type, name: `Tweede ${type}`, firstAdmin: firstAdmin(`${type.toLowerCase()}@tweede.test`) } }, await as('platformAdmin'));
      expect(attack.status).toBe(400);
      expect(attack.body.data).toBeNull();
      const error = onlyError(attack.body);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ path: 'input.type', message: expect.stringContaining('npm run org:create') }]);
      expect(await t.count('organizations')).toBe(before);
      expect(await t.count(`users WHERE email = '${type.toLowerCase()}@tweede.test'`)).toBe(0);
    });

    it('npm run org:create makes the organization and its admin, prints the password once and audits it as CLI', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const output = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      const argv = ['--type', 'SBB', '--name', 'SBB Regio Oost', '--admin-email', 'Beheer@SBB-Oost.test', '--admin-name', 'Ilse Mulder'];
      expect(await orgCreate(argv, { output, databaseUrl: t.databaseUrl })).toBe(0);
      expect(err).toEqual([]);
      const password = out.at(-1)!.trim();
      expect(password).toMatch(/^\S{24}$/);

      const token = await t.login('beheer@sbb-oost.test', password);
      const me = dataOf(await t.gql('{ me { id name role organization { id name type } } }', {}, token)).me;
      expect(me).toMatchObject({ name: 'Ilse Mulder', role: 'ADMIN', organization: { name: 'SBB Regio Oost', type: 'SBB' } });
      const [audit] = await t.dataSource.query(`SELECT actor_role, actor_user_id, after FROM audit_log WHERE action = 'organization.created' AND entity_id = $1`, [me.organization.id]);
      expect(audit).toMatchObject({ actor_role: 'CLI', actor_user_id: null, after: { type: 'SBB', firstAdminUserId: me.id, via: 'npm run org:create', operatingSystemUser: expect.any(String) } });
      expect(JSON.stringify(audit)).not.toContain(password);

      // Bad options and a taken address: a message naming the option, exit code ≠ 0, nothing written.
      const before = await t.count('organizations');
      for (const [bad, code, message] of [
        [['--type', 'SCHOOL', '--name', 'X', '--admin-email', 'x@x.test'], 2, /--type must be SBB or PLATFORM/],
        [['--type', 'PLATFORM', '--admin-email', 'x@x.test'], 2, /--name is required/],
        [['--type', 'SBB', '--name', 'SBB Dubbel', '--admin-email', 'auditor@sbb.demo'], 1, /--admin-email: this address cannot be used/],
      ] as const) {
        err.length = 0;
        expect(await orgCreate(bad, { output, databaseUrl: t.databaseUrl })).toBe(code);
        expect(err.join('\n')).toMatch(message);
      }
      expect(await t.count('organizations')).toBe(before);
    });
  });

  describe("the match round's lottery seed", () => {
    it('is null for schools and companies (who could compute every lottery number), shown to PLATFORM and SBB', async () => {
      const { matchRounds } = dataOf(await t.gql('{ matchRounds(first: 1) { edges { node { id } } } }', {}, await as('platformAdmin')));
      const id = matchRounds.edges[0].node.id;
      for (const user of ['schoolStaff', 'schoolAdmin', 'companyAdmin', 'companyStaff'] as const) {
        const response = await post(ROUND_SEED, { id }, await as(user));
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ data: { matchRound: { id, lotterySeed: null } } });
      }
      for (const user of ['platformAdmin', 'sbbAuditor'] as const) {
        expect(dataOf(await t.gql(ROUND_SEED, { id }, await as(user))).matchRound.lotterySeed).toMatch(HEX_SEED);
      }
    });
  });

  describe('addUser does not reveal an address used in another organization', () => {
    it('answers word for word the same for an address of another organization as for one of its own, and says neither', async () => {
      const admin = await as('companyAdmin');
      const user = (email: string) => ({ email, name: 'Nieuwe Collega', password: 'a long enough password', role: 'STAFF' });
      const before = await t.count('users');
      const otherOrganization = await post(ADD_USER, { input: user('BPV@roc-utrecht.demo') }, admin);
      const ownOrganization = await post(ADD_USER, { input: user('opleider@zorggroep-domstad.demo') }, admin);
      expect(otherOrganization.status).toBe(400);
      expect(otherOrganization.body).toEqual(ownOrganization.body);
      const error = onlyError(otherOrganization.body);
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.email', message: expect.any(String) }] });
      expect(error.message).not.toMatch(/exist|already|in use|organi[sz]ation|ROC|Utrecht|school/i);
      expect(await t.count('users')).toBe(before);
    });
  });

  describe('"exists but is not yours" is NOT_FOUND, word for word as a random id', () => {
    /** [what, document, the id that is not the caller's, the caller, other variables] */
    type Case = [string, string, () => string, DemoUser | 'brasserie', Record<string, unknown>?];
    const unowned = { report: '', agreement: '', draft: '', trainer: '', assignment: '', task: '', webhook: '', delivery: '', round: '' };
    const evaluation = { evaluator: 'TRAINER', rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true };
    const contact = { date: '2027-02-10', type: 'START', onSite: true, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] };
    const agreementTerms = { firstSchoolYear: 2026, years: 1, commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 4 }], contactsPerPeriod: 3, trainerTraining: true, minimumStipendMonthlyCents: 40000, blindMatching: true };

    beforeAll(async () => {
      const staff = await as('schoolStaff');
      const company = await as('companyAdmin');
      unowned.report = dataOf(
        await t.gql('mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id } }', {
          input: { companyId: ids.domstad, studentId: ids.placed, ground: 'RELIGION_OR_BELIEF', description: 'Opmerking over haar geloof tijdens het gesprek.', incidentDate: '2026-10-01' },
        }, staff),
      ).fileDiscriminationReport.id;
      [{ id: unowned.task }] = await t.dataSource.query(`SELECT id FROM school_tasks WHERE report_id = $1`, [unowned.report]);
      unowned.agreement = dataOf(
        await t.gql('mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }', { input: { ...agreementTerms, counterpartyId: ids.domstad } }, await as('schoolAdmin')),
      ).createAgreement.id;
      const me = dataOf(await t.gql('{ me { organization { branches { id } trainers { id } } } }', {}, company)).me.organization;
      unowned.trainer = me.trainers[0].id;
      unowned.draft = dataOf(
        await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', {
          input: {
            branchId: me.branches[0].id, trainerId: unowned.trainer, title: 'Verzorgende IG — concept', description: 'Nog niet gepubliceerd', crebos: ['25655'], level: 3,
            leerweg: 'BOL', werkprocessen: ['zorgplan uitvoeren'], startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32, capacity: 1,
            stipendMonthlyCents: 40000, expenseAllowanceCents: 5000,
          },
        }, company),
      ).createPlacement.id;
      await arrangeOpenProposals(t, unowned.draft, [ids.placed]);
      unowned.assignment = dataOf(await t.gql(ASSIGN, { input: { placementId: unowned.draft, studentId: ids.placed } }, company)).assignTrainer.id;
      unowned.webhook = dataOf(
        await t.gql('mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }', {
          input: { url: 'http://127.0.0.1:9/stagematch', eventTypes: ['COMPANY_WARNED'] },
        }, company),
      ).registerWebhookEndpoint.endpoint.id;
      unowned.delivery = await eventually(async () => (await t.dataSource.query('SELECT id FROM deliveries WHERE organization_id = $1 LIMIT 1', [ids.domstad]))[0]?.id, 20_000);
      [{ round_id: unowned.round }] = await t.dataSource.query('SELECT round_id FROM proposals WHERE id = $1', [ids.proposal]);
    });

    const cases: Case[] = [
      ['signPok', 'mutation($id: ID!) { signPok(id: $id, party: COMPANY) { id } }', () => ids.pok, 'brasserie'],
      ['signPok (another school)', 'mutation($id: ID!) { signPok(id: $id, party: SCHOOL) { id } }', () => ids.pok, 'otherSchoolAdmin'],
      ['amendPok', 'mutation($id: ID!) { amendPok(internshipId: $id, input: { hoursPerWeek: 20 }) { id } }', () => ids.internship, 'brasserie'],
      ['startInternship', 'mutation($id: ID!) { startInternship(id: $id) { id } }', () => ids.internship, 'otherSchoolAdmin'],
      ['completeInternship', 'mutation($id: ID!) { completeInternship(id: $id) { id } }', () => ids.internship, 'brasserie'],
      ['terminateInternship', 'mutation($id: ID!) { terminateInternship(id: $id, input: { reason: "Geen plek meer" }) { id } }', () => ids.internship, 'otherSchoolAdmin'],
      ['logContactMoment', 'mutation($id: ID!, $c: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $c) { id } }', () => ids.internship, 'brasserie', { c: contact }],
      ['recordEvaluation', 'mutation($id: ID!, $e: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $e) { rating } }', () => ids.internship, 'brasserie', { e: evaluation }],
      ['answerProposal', 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { id } }', () => ids.proposal, 'brasserie'],
      ['answerProposal (another school)', 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { id } }', () => ids.proposal, 'otherSchoolAdmin'],
      ['discriminationReport', 'query($id: ID!) { discriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchoolAdmin'],
      ['investigateDiscriminationReport', 'mutation($id: ID!) { investigateDiscriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchoolAdmin'],
      ['escalateDiscriminationReport', 'mutation($id: ID!) { escalateDiscriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchoolAdmin'],
      ['resolveDiscriminationReport', 'mutation($id: ID!) { resolveDiscriminationReport(id: $id, note: "Niet van ons") { id } }', () => unowned.report, 'otherSchoolAdmin'],
      ['completeSchoolTask', 'mutation($id: ID!) { completeSchoolTask(id: $id, note: "Gedaan") { id } }', () => unowned.task, 'otherSchoolAdmin'],
      ['agreement', 'query($id: ID!) { agreement(id: $id) { id } }', () => unowned.agreement, 'brasserie'],
      ['proposeAgreement', 'mutation($id: ID!) { proposeAgreement(id: $id) { id } }', () => unowned.agreement, 'otherSchoolAdmin'],
      ['signAgreement', 'mutation($id: ID!) { signAgreement(id: $id) { id } }', () => unowned.agreement, 'brasserie'],
      ['amendAgreement', 'mutation($id: ID!, $input: AgreementTermsInput!) { amendAgreement(id: $id, input: $input) { id } }', () => unowned.agreement, 'otherSchoolAdmin', { input: agreementTerms }],
      ['terminateAgreement', 'mutation($id: ID!) { terminateAgreement(id: $id, input: { reason: "Einde", noticeDate: "2026-12-01" }) { id } }', () => unowned.agreement, 'brasserie'],
      ['placement (a draft)', 'query($id: ID!) { placement(id: $id) { id } }', () => unowned.draft, 'schoolStaff'],
      ['updatePlacement', 'mutation($id: ID!) { updatePlacement(id: $id, input: { capacity: 3 }) { __typename } }', () => unowned.draft, 'brasserie'],
      ['publishPlacement', 'mutation($id: ID!) { publishPlacement(id: $id) { __typename } }', () => unowned.draft, 'brasserie'],
      ['closePlacement', 'mutation($id: ID!) { closePlacement(id: $id) { id } }', () => unowned.draft, 'brasserie'],
      ['updateTrainer', 'mutation($id: ID!) { updateTrainer(id: $id, input: { yearsOfExperience: 9 }) { id } }', () => unowned.trainer, 'brasserie'],
      ['endTrainerAssignment', 'mutation($id: ID!) { endTrainerAssignment(id: $id) { id } }', () => unowned.assignment, 'brasserie'],
      ['assignTrainer (their placement)', 'mutation($id: ID!) { assignTrainer(input: { placementId: $id, studentId: "00000000-0000-4000-8000-000000000000" }) { __typename } }', () => ids.proposalPlacement, 'brasserie'],
      ['student', 'query($id: ID!) { student(id: $id) { id } }', () => ids.placed, 'otherSchoolAdmin'],
      ['updateStudent', 'mutation($id: ID!) { updateStudent(id: $id, input: { radiusKm: 5 }) { id } }', () => ids.placed, 'otherSchoolAdmin'],
      ['archiveStudent', 'mutation($id: ID!) { archiveStudent(id: $id) { id } }', () => ids.placed, 'otherSchoolAdmin'],
      ['studentPreferences', 'query($id: ID!) { studentPreferences(studentId: $id) { studentId } }', () => ids.proposed, 'otherSchoolAdmin'],
      ['setStudentPreferences', 'mutation($id: ID!) { setStudentPreferences(studentId: $id, placementIds: []) { __typename } }', () => ids.proposed, 'otherSchoolAdmin'],
      ['setStudentPreferences (a draft)', 'mutation($id: ID!, $s: ID!) { setStudentPreferences(studentId: $s, placementIds: [$id]) { __typename } }', () => unowned.draft, 'schoolStaff', { s: '' }],
      ['matchExplanation', 'query($id: ID!, $r: ID!) { matchExplanation(studentId: $id, roundId: $r) { studentId } }', () => ids.proposed, 'otherSchoolAdmin', { r: '' }],
      ['recordProtectedAttributes', 'mutation($id: ID!) { recordProtectedAttributes(studentId: $id, input: { consent: true, consentGivenOn: "2026-09-01", gender: FEMALE }) }', () => ids.placed, 'otherSchoolAdmin'],
      ['withdrawProtectedAttributesConsent', 'mutation($id: ID!) { withdrawProtectedAttributesConsent(studentId: $id) }', () => ids.placed, 'otherSchoolAdmin'],
      ['disableWebhookEndpoint', 'mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', () => unowned.webhook, 'brasserie'],
      ['retryDelivery', 'mutation($id: ID!) { retryDelivery(id: $id) { id } }', () => unowned.delivery, 'brasserie'],
    ];

    it.each(cases)('%s', async (_name, document, notYours, user, extra = {}) => {
      const token = user === 'brasserie' ? brasserie : await as(user);
      const variables = { ...extra, ...('s' in extra ? { s: ids.proposed } : {}), ...('r' in extra ? { r: unowned.round } : {}) };
      const theirs = await post(document, { ...variables, id: notYours() }, token);
      const unknown = await post(document, { ...variables, id: randomUUID() }, token);
      expect(theirs.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(theirs.body.data ?? null).toBeNull();
      expect(onlyError(theirs.body).extensions.code).toBe('NOT_FOUND');
      expect(theirs.body).toEqual(unknown.body);
      expect(onlyError(theirs.body).message).not.toMatch(UUID);
    });

    it('keeps FORBIDDEN for what a role may not do at all, decided before any lookup', async () => {
      const sbbOnly = await post('mutation($id: ID!) { sanctionDiscriminationReport(id: $id, input: { sanction: WARNING, reason: "Eigen sanctie" }) { id } }', { id: unowned.report }, await as('schoolAdmin'));
      expect(onlyError(sbbOnly.body).extensions.code).toBe('FORBIDDEN');
      const staffSigns = await post('mutation($id: ID!) { signAgreement(id: $id) { id } }', { id: unowned.agreement }, await as('schoolStaff'));
      expect(onlyError(staffSigns.body).extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('export links', () => {
    const download = (token: string) => request(t.app.getHttpServer()).get(`/exports/${token}`);
    let token: string;
    beforeAll(async () => {
      const input = { report: 'AUDIT_LOG', auditLog: { action: 'pok.', entityType: 'pok' } };
      token = new URL(dataOf(await t.gql(CREATE_EXPORT, { input }, await as('sbbAuditor'))).createReportExport.url).pathname.split('/').pop()!;
    });

    it('are opaque: the token holds no user id, no report name and no filter', async () => {
      const sbbUserId = dataOf(await t.gql('{ me { id } }', {}, await as('sbbAuditor'))).me.id;
      const decoded = [Buffer.from(token, 'base64url').toString('utf8'), Buffer.from(token, 'base64url').toString('latin1'), ...token.split('.').map((part) => Buffer.from(part, 'base64url').toString('utf8'))];
      for (const text of [token, ...decoded]) {
        expect(text).not.toMatch(UUID);
        expect(text).not.toContain(sbbUserId);
        expect(text).not.toMatch(/AUDIT_LOG|pok\.|userId|"input"/);
      }
      expect((await download(token)).status).toBe(200);
    });

    it('refuse a tampered token and one with multibyte characters with 403, never 500', async () => {
      const flipped = Buffer.from(token, 'base64url');
      flipped[flipped.length - 1] ^= 0x80;
      const [body] = token.split('.');
      for (const bad of [flipped.toString('base64url'), `${body}.${'é'.repeat(43)}`, `${body}.${'€'.repeat(43)}`, 'é'.repeat(64), `${token}💥`]) {
        const response = await download(encodeURIComponent(bad));
        expect(response.status).toBe(403);
      }
    });
  });
});
