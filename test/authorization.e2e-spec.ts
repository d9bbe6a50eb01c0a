import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { RedactStudentNamesFromAudit1795472000000 } from '../migrations/1795472000000-RedactStudentNamesFromAudit';
import { main as orgCreate } from '../src/modules/organizations/org-create.command';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { arrangeOpenProposals } from './support/placement-flow';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';

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
const ADD_USER = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id } }';
const ROUND_SEED = 'query($id: ID!) { matchRound(id: $id) { id lotterySeed } }';

const STUDENT = { fullName: 'Zeynep Aydın-Verhoeven', dateOfBirth: '2007-03-09', email: 'zeynep.verhoeven@student.test' };
const PROPOSED = { fullName: 'Bram Okonkwo-de Graaf', dateOfBirth: '2006-11-21', email: 'bram.degraaf@student.test' };
const HEX_SEED = /^[0-9a-f]{64}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('authorization and the blind view (R20)', () => {
  let t: TestApp;
  let make: Factories;
  /** The school and company of the placed and the proposed student; another school and another company, strangers to them. */
  let school: MadeSchool;
  let company: MadeCompany;
  let otherSchool: MadeSchool;
  let otherCompany: MadeCompany;
  let platform: SignedIn;
  let sbb: SignedIn;
  const ids = { internship: '', internshipPlacement: '', elsewhere: '', pok: '', placed: '', proposed: '', proposal: '', proposalPlacement: '' };

  /** One GraphQL call over HTTP, with the status the client sees. */
  const post = async (query: string, variables: Record<string, unknown>, token: string) => {
    const response = await request(t.app.getHttpServer()).post('/graphql').set('Authorization', `Bearer ${token}`).send({ query, variables });
    return { status: response.status, body: response.body as GraphqlResponse };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, company, otherSchool, otherCompany, platform, sbb] = await Promise.all([make.school(), make.company(), make.school(), make.company(), make.platformAdmin(), make.sbb()]);
    [ids.internshipPlacement, ids.proposalPlacement, ids.elsewhere] = [await make.publishedPlacement(company), await make.publishedPlacement(company), await make.publishedPlacement(company)];
    const placed = await make.internship(school, company, ids.internshipPlacement, { identity: STUDENT });
    [ids.internship, ids.placed] = [placed.internshipId, placed.student.id];
    const internships = dataOf(await t.gql('{ internships(first: 100) { edges { node { id pok { id } } } } }', {}, school.staff.token)).internships.edges.map((edge: any) => edge.node);
    ids.pok = internships.find((node: any) => node.id === ids.internship).pok.id;
    const proposed = await make.proposal(school, ids.proposalPlacement, { identity: PROPOSED });
    [ids.proposed, ids.proposal] = [proposed.student.id, proposed.proposalId];
    const [proposal] = dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, school.staff.token)).proposals.edges.map((edge: any) => edge.node);
    expect(proposal.placement.id).toBe(ids.proposalPlacement);
  });
  afterAll(() => t.stop());

  describe('assignTrainer reaches only students proposed or placed at that placement', () => {
    it("refuses another school's student as a random id: NOT_FOUND (HTTP 200), same message, nothing written", async () => {
      const { id: stranger } = await make.student(otherSchool);
      const before = await t.count('trainer_assignments');
      const attack = await post(ASSIGN, { input: { placementId: ids.proposalPlacement, studentId: stranger } }, company.admin.token);
      const random = await post(ASSIGN, { input: { placementId: ids.proposalPlacement, studentId: randomUUID() } }, company.admin.token);
      expect(attack.status).toBe(200);
      expect(attack.body.data).toBeNull();
      expect(onlyError(attack.body).extensions).toEqual({ code: 'NOT_FOUND', fields: [{ path: 'input.studentId', message: 'no student with this id' }] });
      expect(attack.body.errors).toEqual(random.body.errors);
      expect(JSON.stringify(attack.body)).not.toContain(stranger);
      expect(await t.count('trainer_assignments')).toBe(before);
      // Noorderpoort did not become a school "linked" to the company.
      expect(await t.count(`trainer_assignments a JOIN students s ON s.id = a.student_id WHERE s.school_id = '${otherSchool.id}'`)).toBe(0);
    });

    it('refuses a student proposed at another placement of the company, and accepts her at her own and the placed student at hers', async () => {
      const admin = company.admin.token;
      expect(onlyError((await post(ASSIGN, { input: { placementId: ids.elsewhere, studentId: ids.proposed } }, admin)).body).extensions.code).toBe('NOT_FOUND');
      for (const [placementId, studentId] of [[ids.proposalPlacement, ids.proposed], [ids.internshipPlacement, ids.placed]]) {
        expect(dataOf(await t.gql(ASSIGN, { input: { placementId, studentId } }, admin)).assignTrainer).toEqual({ __typename: 'TrainerAssignment', id: expect.any(String), studentId });
      }
    });
  });

  describe('proposals(studentId) is refused to companies', () => {
    it('FORBIDDEN (HTTP 200) naming studentId, nothing returned; the school still filters by its own student', async () => {
      const attack = await post(PROPOSALS, { s: ids.proposed }, company.admin.token);
      expect(attack.status).toBe(200);
      expect(attack.body.data).toBeNull();
      const error = onlyError(attack.body);
      expect(error.extensions).toEqual({ code: 'FORBIDDEN' });
      expect(error.message).toContain('studentId');
      expect(JSON.stringify(attack.body)).not.toContain('Kandidaat');

      // The company's own proposals: the placed student's (accepted) and the proposed one's (open).
      expect(dataOf(await t.gql(PROPOSALS, {}, company.admin.token)).proposals.totalCount).toBe(2);
      const own = dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, school.staff.token)).proposals;
      expect(own.edges.map((edge: any) => edge.node.id)).toEqual([ids.proposal]);
      expect(dataOf(await t.gql(PROPOSALS, { s: ids.proposed }, otherSchool.admin.token)).proposals.totalCount).toBe(0);
    });
  });

  describe('no student identity in audit rows SBB reads or exports', () => {
    const identityIn = (text: string) => [STUDENT.fullName, 'Aydın-Verhoeven', STUDENT.dateOfBirth, STUDENT.email].filter((needle) => text.includes(needle));

    it('amends a POK: the audit log (GraphQL) and the AUDIT_LOG CSV show the change but not her name, birth date or e-mail', async () => {
      dataOf(await t.gql(AMEND_POK, { id: ids.internship, input: { hoursPerWeek: 28 } }, school.staff.token));
      const pages: string[] = [];
      let after: string | undefined;
      let amended: any;
      do {
        const { auditLog } = dataOf(await t.gql(AUDIT_PAGE, { after }, sbb.token));
        pages.push(JSON.stringify(auditLog));
        amended ??= auditLog.edges.map((edge: any) => edge.node).find((node: any) => node.action === 'pok.amended');
        after = auditLog.pageInfo.hasNextPage ? auditLog.pageInfo.endCursor : undefined;
      } while (after);
      expect(amended).toMatchObject({ entityType: 'pok', after: { hoursPerWeek: 28, company: company.name } });
      expect(amended.before.hoursPerWeek).not.toBe(28);
      expect(amended.after).not.toHaveProperty('student');
      expect(identityIn(pages.join('\n'))).toEqual([]);

      const { url } = dataOf(await t.gql(CREATE_EXPORT, { input: { report: 'AUDIT_LOG' } }, sbb.token)).createReportExport;
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
    const firstAdmin = (email: string) => ({ email, name: 'Nieuwe Beheerder' });

    it.each(['SBB', 'PLATFORM'])('refuses createOrganization(type: %s) for the operator: BAD_USER_INPUT on input.type (HTTP 400), nothing written', async (type) => {
      const before = await t.count('organizations');
      const attack = await post(CREATE_ORGANIZATION, { input: { type, name: `Tweede ${type}`, firstAdmin: firstAdmin(`${type.toLowerCase()}@tweede.test`) } }, platform.token);
      expect(attack.status).toBe(400);
      expect(attack.body.data).toBeNull();
      const error = onlyError(attack.body);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ path: 'input.type', message: expect.stringContaining('npm run org:create') }]);
      expect(await t.count('organizations')).toBe(before);
      expect(await t.count(`users WHERE email = '${type.toLowerCase()}@tweede.test'`)).toBe(0);
    });

    it('npm run org:create makes the organization and prints a single-use invitation link, not a password: she chooses her own and is ADMIN; audited as CLI (issue #15)', async () => {
      const out: string[] = [];
      const err: string[] = [];
      const output = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      const argv = ['--type', 'SBB', '--name', 'SBB Regio Oost', '--admin-email', 'Beheer@SBB-Oost.test', '--admin-name', 'Ilse Mulder'];
      expect(await orgCreate(argv, { output, databaseUrl: t.databaseUrl, appUrl: 'https://app.stagematch.test' })).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toMatch(/valid 7 days/);
      const link = /^https:\/\/app\.stagematch\.test\/accept-invitation#token=([\w-]{43})$/.exec(out.at(-1)!.trim());
      expect(link).not.toBeNull();
      expect(await t.count(`users WHERE email = 'beheer@sbb-oost.test'`)).toBe(0);

      const accept = (token: string) =>
        t.gql('mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }', { t: token, p: 'kompas-heide-veerpont-31' });
      const signedIn = dataOf(await accept(link![1])).acceptInvitation.token;
      const me = dataOf(await t.gql('{ me { id name role organization { id name type } } }', {}, signedIn)).me;
      expect(me).toMatchObject({ name: 'Ilse Mulder', role: 'ADMIN', organization: { name: 'SBB Regio Oost', type: 'SBB' } });
      expect(await t.login('beheer@sbb-oost.test', 'kompas-heide-veerpont-31')).toEqual(expect.any(String));
      expect(onlyError(await accept(link![1])).extensions.fields).toEqual([expect.objectContaining({ path: 'token', rule: 'LINK_INVALID' })]);

      const [audit] = await t.dataSource.query(`SELECT actor_role, actor_user_id, after FROM audit_log WHERE action = 'organization.created' AND entity_id = $1`, [me.organization.id]);
      expect(audit).toMatchObject({ actor_role: 'CLI', actor_user_id: null, after: { type: 'SBB', firstAdminInvitationId: expect.any(String), via: 'npm run org:create', operatingSystemUser: expect.any(String) } });
      const invitationAudit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1 ORDER BY id`, [audit.after.firstAdminInvitationId]);
      expect(invitationAudit).toEqual([{ action: 'invitation.created', actor_role: 'CLI' }, { action: 'invitation.accepted', actor_role: 'SBB_ADMIN' }]);
      expect(JSON.stringify(audit)).not.toContain(link![1]);

      // Bad options and a taken address: a message naming the option, exit code ≠ 0, nothing written.
      const before = await t.count('organizations');
      for (const [bad, code, message] of [
        [['--type', 'SCHOOL', '--name', 'X', '--admin-email', 'x@x.test'], 2, /--type must be SBB or PLATFORM/],
        [['--type', 'PLATFORM', '--admin-email', 'x@x.test'], 2, /--name is required/],
        [['--type', 'SBB', '--name', 'SBB Dubbel', '--admin-email', sbb.email], 1, /--admin-email: this address cannot be used/],
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
      // The round that proposed the proposed student: the school's and the company's own.
      const { proposals } = dataOf(await t.gql('query($s: ID) { proposals(studentId: $s) { edges { node { roundId } } } }', { s: ids.proposed }, school.staff.token));
      const id = proposals.edges[0].node.roundId;
      for (const user of [school.staff, school.admin, company.admin, company.staff]) {
        const response = await post(ROUND_SEED, { id }, user.token);
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ data: { matchRound: { id, lotterySeed: null } } });
      }
      for (const user of [platform, sbb]) {
        expect(dataOf(await t.gql(ROUND_SEED, { id }, user.token)).matchRound.lotterySeed).toMatch(HEX_SEED);
      }
    });
  });

  describe('inviteUser does not reveal an address used in another organization', () => {
    it('answers word for word the same for an address of another organization as for one of its own, and says neither', async () => {
      const admin = company.admin.token;
      const user = (email: string) => ({ email, name: 'Nieuwe Collega', role: 'STAFF' });
      const before = await t.count('invitations');
      // A user of the school, in other capitals (addresses compare case-insensitively), and one of the company's own.
      const otherOrganization = await post(ADD_USER, { input: user(school.staff.email.toUpperCase()) }, admin);
      const ownOrganization = await post(ADD_USER, { input: user(company.staff.email) }, admin);
      expect(otherOrganization.status).toBe(400);
      expect(otherOrganization.body).toEqual(ownOrganization.body);
      const error = onlyError(otherOrganization.body);
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.email', message: expect.any(String) }] });
      expect(error.message).not.toMatch(/exist|already|in use|organi[sz]ation|ROC|Utrecht|school/i);
      expect(await t.count('invitations')).toBe(before);
    });
  });

  describe('"exists but is not yours" is NOT_FOUND, word for word as a random id', () => {
    /** [what, document, the id that is not the caller's, the caller, other variables] */
    type Case = [string, string, () => string, 'otherCompany' | 'otherSchool' | 'schoolStaff', Record<string, unknown>?];
    const unowned = { report: '', agreement: '', draft: '', trainer: '', assignment: '', task: '', webhook: '', delivery: '', round: '' };
    const evaluation = { evaluator: 'TRAINER', rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true };
    const contact = { date: '2027-02-10', type: 'START', onSite: true, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] };
    const agreementTerms = { firstSchoolYear: 2026, years: 1, commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 4 }], contactsPerPeriod: 3, trainerTraining: true, minimumStipendMonthlyCents: 40000, blindMatching: true };

    beforeAll(async () => {
      const staff = school.staff.token;
      const admin = company.admin.token;
      unowned.report = dataOf(
        await t.gql('mutation($input: FileDiscriminationReportInput!) { fileDiscriminationReport(input: $input) { id } }', {
          input: { companyId: company.id, studentId: ids.placed, ground: 'RELIGION_OR_BELIEF', description: 'Opmerking over haar geloof tijdens het gesprek.', incidentDate: '2026-10-01' },
        }, staff),
      ).fileDiscriminationReport.id;
      const tasks = dataOf(await t.gql('{ schoolTasks(first: 100) { edges { node { id reportId } } } }', {}, staff)).schoolTasks.edges.map((edge: any) => edge.node);
      unowned.task = tasks.find((task: any) => task.reportId === unowned.report).id;
      unowned.agreement = dataOf(
        await t.gql('mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }', { input: { ...agreementTerms, counterpartyId: company.id } }, school.admin.token),
      ).createAgreement.id;
      unowned.trainer = company.trainerId;
      unowned.draft = dataOf(
        await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', {
          input: {
            branchId: company.branchId, trainerId: unowned.trainer, title: 'Verzorgende IG — concept', description: 'Nog niet gepubliceerd', crebos: ['25655'], level: 3,
            leerweg: 'BOL', werkprocessen: ['zorgplan uitvoeren'], startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32, capacity: 1,
            stipendMonthlyCents: 40000, expenseAllowanceCents: 5000,
          },
        }, admin),
      ).createPlacement.id;
      await arrangeOpenProposals(t, unowned.draft, [ids.placed]);
      unowned.assignment = dataOf(await t.gql(ASSIGN, { input: { placementId: unowned.draft, studentId: ids.placed } }, admin)).assignTrainer.id;
      unowned.webhook = dataOf(
        await t.gql('mutation($input: RegisterWebhookInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }', {
          input: { url: 'http://127.0.0.1:9/stagematch', eventTypes: ['COMPANY_WARNED'] },
        }, admin),
      ).registerWebhookEndpoint.endpoint.id;
      unowned.delivery = await eventually(async () => dataOf(await t.gql('{ deliveries(first: 1) { edges { node { id } } } }', {}, admin)).deliveries.edges[0]?.node.id, 20_000);
      const { proposals } = dataOf(await t.gql('query($s: ID) { proposals(studentId: $s) { edges { node { id roundId } } } }', { s: ids.proposed }, staff));
      unowned.round = proposals.edges.find((edge: any) => edge.node.id === ids.proposal).node.roundId;
    });

    const cases: Case[] = [
      ['signPok', 'mutation($id: ID!) { signPok(id: $id, party: COMPANY) { id } }', () => ids.pok, 'otherCompany'],
      ['signPok (another school)', 'mutation($id: ID!) { signPok(id: $id, party: SCHOOL) { id } }', () => ids.pok, 'otherSchool'],
      ['amendPok', 'mutation($id: ID!) { amendPok(internshipId: $id, input: { hoursPerWeek: 20 }) { id } }', () => ids.internship, 'otherCompany'],
      ['changePraktijkopleider', 'mutation($id: ID!) { changePraktijkopleider(internshipId: $id, trainerId: "00000000-0000-4000-8000-000000000000") { __typename } }', () => ids.internship, 'otherCompany'],
      ['startInternship', 'mutation($id: ID!) { startInternship(id: $id) { id } }', () => ids.internship, 'otherSchool'],
      ['completeInternship', 'mutation($id: ID!) { completeInternship(id: $id) { id } }', () => ids.internship, 'otherCompany'],
      ['terminateInternship', 'mutation($id: ID!) { terminateInternship(id: $id, input: { code: COMPANY_STOPPED, reason: "Geen plek meer" }) { id } }', () => ids.internship, 'otherSchool'],
      ['logContactMoment', 'mutation($id: ID!, $c: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $c) { id } }', () => ids.internship, 'otherCompany', { c: contact }],
      ['recordEvaluation', 'mutation($id: ID!, $e: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $e) { rating } }', () => ids.internship, 'otherCompany', { e: evaluation }],
      ['answerProposal', 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { id } }', () => ids.proposal, 'otherCompany'],
      ['answerProposal (another school)', 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { id } }', () => ids.proposal, 'otherSchool'],
      ['discriminationReport', 'query($id: ID!) { discriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchool'],
      ['investigateDiscriminationReport', 'mutation($id: ID!) { investigateDiscriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchool'],
      ['escalateDiscriminationReport', 'mutation($id: ID!) { escalateDiscriminationReport(id: $id) { id } }', () => unowned.report, 'otherSchool'],
      ['resolveDiscriminationReport', 'mutation($id: ID!) { resolveDiscriminationReport(id: $id, note: "Niet van ons") { id } }', () => unowned.report, 'otherSchool'],
      ['completeSchoolTask', 'mutation($id: ID!) { completeSchoolTask(id: $id, note: "Gedaan") { id } }', () => unowned.task, 'otherSchool'],
      ['agreement', 'query($id: ID!) { agreement(id: $id) { id } }', () => unowned.agreement, 'otherCompany'],
      ['proposeAgreement', 'mutation($id: ID!) { proposeAgreement(id: $id) { id } }', () => unowned.agreement, 'otherSchool'],
      ['signAgreement', 'mutation($id: ID!) { signAgreement(id: $id) { id } }', () => unowned.agreement, 'otherCompany'],
      ['amendAgreement', 'mutation($id: ID!, $input: AgreementTermsInput!) { amendAgreement(id: $id, input: $input) { id } }', () => unowned.agreement, 'otherSchool', { input: agreementTerms }],
      ['terminateAgreement', 'mutation($id: ID!) { terminateAgreement(id: $id, input: { reason: "Einde", noticeDate: "2026-12-01" }) { id } }', () => unowned.agreement, 'otherCompany'],
      ['placement (a draft)', 'query($id: ID!) { placement(id: $id) { id } }', () => unowned.draft, 'schoolStaff'],
      ['updatePlacement', 'mutation($id: ID!) { updatePlacement(id: $id, input: { capacity: 3 }) { __typename } }', () => unowned.draft, 'otherCompany'],
      ['publishPlacement', 'mutation($id: ID!) { publishPlacement(id: $id) { __typename } }', () => unowned.draft, 'otherCompany'],
      ['closePlacement', 'mutation($id: ID!) { closePlacement(id: $id) { id } }', () => unowned.draft, 'otherCompany'],
      ['updateTrainer', 'mutation($id: ID!) { updateTrainer(id: $id, input: { yearsOfExperience: 9 }) { id } }', () => unowned.trainer, 'otherCompany'],
      ['endTrainerAssignment', 'mutation($id: ID!) { endTrainerAssignment(id: $id) { id } }', () => unowned.assignment, 'otherCompany'],
      ['assignTrainer (their placement)', 'mutation($id: ID!) { assignTrainer(input: { placementId: $id, studentId: "00000000-0000-4000-8000-000000000000" }) { __typename } }', () => ids.proposalPlacement, 'otherCompany'],
      ['student', 'query($id: ID!) { student(id: $id) { id } }', () => ids.placed, 'otherSchool'],
      ['updateStudent', 'mutation($id: ID!) { updateStudent(id: $id, input: { radiusKm: 5 }) { id } }', () => ids.placed, 'otherSchool'],
      ['archiveStudent', 'mutation($id: ID!) { archiveStudent(id: $id) { id } }', () => ids.placed, 'otherSchool'],
      ['studentPreferences', 'query($id: ID!) { studentPreferences(studentId: $id) { studentId } }', () => ids.proposed, 'otherSchool'],
      ['setStudentPreferences', 'mutation($id: ID!) { setStudentPreferences(studentId: $id, placementIds: []) { __typename } }', () => ids.proposed, 'otherSchool'],
      ['setStudentPreferences (a draft)', 'mutation($id: ID!, $s: ID!) { setStudentPreferences(studentId: $s, placementIds: [$id]) { __typename } }', () => unowned.draft, 'schoolStaff', { s: '' }],
      ['matchExplanation', 'query($id: ID!, $r: ID!) { matchExplanation(studentId: $id, roundId: $r) { studentId } }', () => ids.proposed, 'otherSchool', { r: '' }],
      ['recordProtectedAttributes', 'mutation($id: ID!) { recordProtectedAttributes(studentId: $id, input: { consent: true, consentGivenOn: "2026-09-01", gender: FEMALE }) }', () => ids.placed, 'otherSchool'],
      ['withdrawProtectedAttributesConsent', 'mutation($id: ID!) { withdrawProtectedAttributesConsent(studentId: $id) }', () => ids.placed, 'otherSchool'],
      ['disableWebhookEndpoint', 'mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', () => unowned.webhook, 'otherCompany'],
      ['retryDelivery', 'mutation($id: ID!) { retryDelivery(id: $id) { id } }', () => unowned.delivery, 'otherCompany'],
    ];

    it.each(cases)('%s', async (_name, document, notYours, user, extra = {}) => {
      const token = { otherCompany: otherCompany.admin.token, otherSchool: otherSchool.admin.token, schoolStaff: school.staff.token }[user];
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
      const sbbOnly = await post('mutation($id: ID!) { sanctionDiscriminationReport(id: $id, input: { sanction: WARNING, reason: "Eigen sanctie" }) { id } }', { id: unowned.report }, school.admin.token);
      expect(onlyError(sbbOnly.body).extensions.code).toBe('FORBIDDEN');
      const staffSigns = await post('mutation($id: ID!) { signAgreement(id: $id) { id } }', { id: unowned.agreement }, school.staff.token);
      expect(onlyError(staffSigns.body).extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('export links', () => {
    const download = (token: string) => request(t.app.getHttpServer()).get(`/exports/${token}`);
    let token: string;
    beforeAll(async () => {
      const input = { report: 'AUDIT_LOG', auditLog: { action: 'pok.', entityType: 'pok' } };
      token = new URL(dataOf(await t.gql(CREATE_EXPORT, { input }, sbb.token)).createReportExport.url).pathname.split('/').pop()!;
    });

    it('are opaque: the token holds no user id, no report name and no filter', async () => {
      const sbbUserId = sbb.id;
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
