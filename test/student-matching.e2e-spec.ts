import { ProposalsService } from '../src/modules/matching/proposals.service';
import { Factories, type MadeCompany, type MadeSchool, type MadeStudent, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const LIST = 'studentId locked lockedAt entries { rank placementId suggested placement { title } }';
const SET_MINE = `mutation($p: [ID!]!) { setMyPreferences(placementIds: $p) {
  __typename ... on StudentPreferenceList { ${LIST} } ... on IneligiblePreferences { code entries { position reason } } } }`;
const SET_HERS = `mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) {
  __typename ... on StudentPreferenceList { ${LIST} } } }`;
const MINE = `{ myPreferences { ${LIST} } }`;
const HERS = `query($s: ID!) { studentPreferences(studentId: $s) { ${LIST} } }`;
const LOCK = `mutation($s: ID!) { lockStudentPreferences(studentId: $s) { ${LIST} } }`;
const UNLOCK = `mutation($s: ID!) { unlockStudentPreferences(studentId: $s) { ${LIST} } }`;
const AUDIT = 'query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node { action entityId after } } } }';

const OPEN_ROUND = 'mutation($input: OpenMatchRoundInput!) { openMatchRound(input: $input) { id } }';
const ROUND = 'query($id: ID!) { matchRound(id: $id) { status } }';
const PUBLIC_PLACEMENT = 'title hoursPerWeek daysPerWeek stipendMonthlyCents werkprocessen startDate company { name } branch { city }';
const PROPOSAL_FIELDS = `id roundId status studentId studentAnswer studentAnsweredBy companyAnswer declineReason expiresAt
  placement { ${PUBLIC_PLACEMENT} } explanation { roundId studentId rank choices { rank outcome placementId } }`;
const PROPOSALS = `query($f: ProposalFilter) { proposals(filter: $f, first: 50) { totalCount edges { node { ${PROPOSAL_FIELDS} } } } }`;
const PROPOSAL = `query($id: ID!) { proposal(id: $id) { ${PROPOSAL_FIELDS} } }`;
const ANSWER = 'mutation($id: ID!, $input: AnswerProposalInput!) { answerProposal(id: $id, input: $input) { id status studentAnswer studentAnsweredBy companyAnswer declineReason } }';
const MY_EXPLANATION = 'query($r: ID) { myMatchExplanation(roundId: $r) { roundId studentId placementId rank choices { rank outcome } } }';
const NOTIFICATIONS = '{ notifications(first: 100) { edges { node { eventType title body subjectId } } } }';

describe('matching for a student acting as herself (issue #17): her list, her proposals, her answers, her notifications', () => {
  const clock = new TestClock();
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let platform: SignedIn;
  let sbb: SignedIn;
  /** Three placements for her crebo (25655), two seats each, and one she is not eligible for (kok, 25180). */
  let first: string;
  let second: string;
  let third: string;
  let kok: string;
  let student: MadeStudent;
  let classmate: MadeStudent;
  /** A classmate without an account of her own: her school answers for her. */
  let accountless: MadeStudent;
  let she: SignedIn;
  let classmateAccount: SignedIn;
  let roundId: string;

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
  const notifications = async (token: string, type: string) =>
    dataOf(await t.gql(NOTIFICATIONS, {}, token)).notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.eventType === type);
  const auditOf = async (entityId: string) => dataOf(await t.gql(AUDIT, { f: { entityId } }, sbb.token)).auditLog.edges.map((edge: any) => edge.node);
  const runRound = async () => {
    const round = dataOf(await t.gql(OPEN_ROUND, { input: { periodFrom: '2027-01-01', periodTo: '2027-03-01' } }, platform.token)).openMatchRound;
    await eventually(async () => dataOf(await t.gql(ROUND, { id: round.id }, platform.token)).matchRound.status === 'COMPLETED', 30_000);
    return round.id as string;
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    let horeca: MadeCompany;
    [school, otherSchool, company, horeca] = await Promise.all([
      make.school(),
      make.school(),
      make.company(),
      make.company({ sector: 'VOEDSEL_GROEN_GASTVRIJHEID', crebos: ['25180'] }),
    ]);
    [platform, sbb] = await Promise.all([make.platformAdmin(), make.sbb()]);
    [first, second, third, kok] = await Promise.all([
      make.publishedPlacement(company, { title: 'Verzorgende IG — Huize Zonnehof' }),
      make.publishedPlacement(company, { title: 'Verzorgende IG — Thuiszorg' }),
      make.publishedPlacement(company, { title: 'Verzorgende IG — Dagbesteding' }),
      make.publishedPlacement(horeca, { crebos: ['25180'], level: 2, werkprocessen: ['mise-en-place'] }),
    ]);
    [student, classmate, accountless] = await Promise.all([make.student(school), make.student(school), make.student(school)]);
    [she, classmateAccount] = await Promise.all([make.studentAccount(school, student), make.studentAccount(school, classmate, { language: 'en' })]);
  }, 180_000);
  afterAll(() => t.stop());

  describe('her preference list', () => {
    it('she sets and reads her own ranked list under the same eligibility rules; an ineligible entry refuses the whole list', async () => {
      const set = dataOf(await t.gql(SET_MINE, { p: [second, first] }, she.token)).setMyPreferences;
      expect(set).toMatchObject({ __typename: 'StudentPreferenceList', studentId: student.id, locked: false, lockedAt: null });
      expect(set.entries.map((entry: any) => [entry.rank, entry.placementId])).toEqual([
        [1, second],
        [2, first],
      ]);
      expect(set.entries[0].placement.title).toBe('Verzorgende IG — Thuiszorg');

      const refused = dataOf(await t.gql(SET_MINE, { p: [first, kok] }, she.token)).setMyPreferences;
      expect(refused).toMatchObject({ __typename: 'IneligiblePreferences', code: 'INELIGIBLE_PREFERENCES', entries: [{ position: 1, reason: 'CREBO' }] });
      const mine = dataOf(await t.gql(MINE, {}, she.token)).myPreferences;
      expect(mine.entries.map((entry: any) => entry.placementId)).toEqual([second, first]);
      // Her school sees the list she made.
      expect(dataOf(await t.gql(HERS, { s: student.id }, school.staff.token)).studentPreferences.entries.map((entry: any) => entry.placementId)).toEqual([second, first]);
      expect((await auditOf(student.id)).map((entry: any) => entry.action)).toContain('student.preferences_set');
    });

    it('once her school locks the list she cannot change it (PREFERENCES_LOCKED), her school still can; both see the lock; unlocked she can again', async () => {
      const locked = dataOf(await t.gql(LOCK, { s: student.id }, school.staff.token)).lockStudentPreferences;
      expect(locked).toMatchObject({ studentId: student.id, locked: true, lockedAt: expect.any(String) });
      expect(dataOf(await t.gql(MINE, {}, she.token)).myPreferences).toMatchObject({ locked: true, lockedAt: locked.lockedAt });

      const refused = await t.gql(SET_MINE, { p: [first] }, she.token);
      expect(onlyError(refused).extensions.code).toBe('BAD_USER_INPUT');
      expect(onlyError(refused).extensions.fields?.[0]).toMatchObject({ path: 'placementIds', rule: 'PREFERENCES_LOCKED' });
      expect(dataOf(await t.gql(MINE, {}, she.token)).myPreferences.entries.map((entry: any) => entry.placementId)).toEqual([second, first]);

      const bySchool = dataOf(await t.gql(SET_HERS, { s: student.id, p: [first, second] }, school.staff.token)).setStudentPreferences;
      expect(bySchool).toMatchObject({ __typename: 'StudentPreferenceList', locked: true });
      expect(dataOf(await t.gql(MINE, {}, she.token)).myPreferences.entries.map((entry: any) => entry.placementId)).toEqual([first, second]);

      expect(dataOf(await t.gql(UNLOCK, { s: student.id }, school.staff.token)).unlockStudentPreferences).toMatchObject({ locked: false, lockedAt: null });
      expect(dataOf(await t.gql(SET_MINE, { p: [first] }, she.token)).setMyPreferences).toMatchObject({ __typename: 'StudentPreferenceList', locked: false });
      const actions = (await auditOf(student.id)).map((entry: any) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(['student.preferences_locked', 'student.preferences_unlocked']));
    });

    it('another school cannot lock or read her list (NOT_FOUND); she and her classmate cannot lock, nor read each other (FORBIDDEN)', async () => {
      expect(codeOf(await t.gql(LOCK, { s: student.id }, otherSchool.staff.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(UNLOCK, { s: student.id }, otherSchool.staff.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(HERS, { s: student.id }, otherSchool.staff.token))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(LOCK, { s: student.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UNLOCK, { s: student.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(LOCK, { s: student.id }, classmateAccount.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(HERS, { s: student.id }, classmateAccount.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(SET_HERS, { s: student.id, p: [] }, classmateAccount.token))).toBe('FORBIDDEN');
      // Her classmate's own list is his, not hers.
      expect(dataOf(await t.gql(MINE, {}, classmateAccount.token)).myPreferences).toMatchObject({ studentId: classmate.id, entries: [] });
      expect(await t.count(`student_preference_locks WHERE student_id = '${student.id}'`)).toBe(0);
    });
  });

  describe('her proposals', () => {
    beforeAll(async () => {
      // She ranked `first`; the student without an account gets `second` from her school's list for her.
      await make.preferences(school, accountless.id, [second]);
      roundId = await runRound();
    }, 60_000);

    it("she sees her own proposal with the placement's public details and her explanation, and no one else's", async () => {
      const { totalCount, edges } = dataOf(await t.gql(PROPOSALS, {}, she.token)).proposals;
      expect(totalCount).toBe(1);
      const proposal = edges[0].node;
      expect(proposal).toMatchObject({
        roundId,
        status: 'OPEN',
        studentId: student.id,
        studentAnswer: 'PENDING',
        studentAnsweredBy: null,
        placement: {
          title: 'Verzorgende IG — Huize Zonnehof',
          hoursPerWeek: expect.any(Number),
          stipendMonthlyCents: expect.any(Number),
          werkprocessen: expect.arrayContaining([expect.any(String)]),
          company: { name: company.name },
          branch: { city: 'Utrecht' },
        },
        explanation: { roundId, studentId: student.id, rank: 1, choices: [{ rank: 1, outcome: 'MATCHED', placementId: first }] },
      });
      expect(dataOf(await t.gql(PROPOSAL, { id: proposal.id }, she.token)).proposal.id).toBe(proposal.id);
      expect(dataOf(await t.gql(MY_EXPLANATION, {}, she.token)).myMatchExplanation).toMatchObject({ roundId, studentId: student.id, placementId: first, rank: 1 });
      expect(dataOf(await t.gql(MY_EXPLANATION, { r: roundId }, she.token)).myMatchExplanation.roundId).toBe(roundId);

      const [theirs] = dataOf(await t.gql(PROPOSALS, { f: { studentId: accountless.id } }, school.staff.token)).proposals.edges.map((edge: any) => edge.node.id);
      expect(codeOf(await t.gql(PROPOSAL, { id: theirs }, she.token))).toBe('NOT_FOUND');
      expect(dataOf(await t.gql(PROPOSALS, { f: { studentId: accountless.id } }, she.token)).proposals.totalCount).toBe(0);
      expect(dataOf(await t.gql(PROPOSALS, {}, classmateAccount.token)).proposals.totalCount).toBe(0);
      expect(codeOf(await t.gql(PROPOSAL, { id: proposal.id }, classmateAccount.token))).toBe('NOT_FOUND');
    });

    it("the placement's company internals and the company's view of her stay closed to her", async () => {
      const [{ node }] = dataOf(await t.gql(PROPOSALS, {}, she.token)).proposals.edges;
      expect(codeOf(await t.gql('query($id: ID!) { proposal(id: $id) { placement { complianceFindings { rule } } } }', { id: node.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql('query($id: ID!) { proposal(id: $id) { placement { trainer { id } } } }', { id: node.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql('query($id: ID!) { proposal(id: $id) { placement { branch { address { street } } } } }', { id: node.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql('query($id: ID!) { proposal(id: $id) { placement { company { branches { id } } } } }', { id: node.id }, she.token))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql('query($id: ID!) { proposal(id: $id) { candidate { pseudonym } } }', { id: node.id }, she.token))).toBe('FORBIDDEN');
      // The company reads no explanation of her.
      const companyView = dataOf(await t.gql('query($id: ID!) { proposal(id: $id) { studentId explanation { rank } } }', { id: node.id }, company.admin.token)).proposal;
      expect(companyView).toEqual({ studentId: null, explanation: null });
    });

    it('she hears that a proposal was made, in her own text and language; her classmate does not', async () => {
      const [{ node }] = dataOf(await t.gql(PROPOSALS, {}, she.token)).proposals.edges;
      const made = await eventually(async () => {
        const found = await notifications(she.token, 'PROPOSAL_MADE');
        return found.length ? found : null;
      });
      expect(made).toEqual([expect.objectContaining({ subjectId: node.id, title: expect.stringContaining('Je hebt een stagevoorstel') })]);
      expect(made[0].body).toContain('Verzorgende IG — Huize Zonnehof');
      await t.eventsDispatched();
      expect(await notifications(classmateAccount.token, 'PROPOSAL_MADE')).toEqual([]);
      // Her school hears it as before, in its own text.
      expect((await notifications(school.staff.token, 'PROPOSAL_MADE')).map((n: any) => n.title)).toEqual(expect.arrayContaining([expect.stringContaining('Matchvoorstel')]));
    });

    it('her school cannot answer for her while she has an account (STUDENT_ANSWERS_HERSELF); it answers on behalf of a student without one, recorded and audited so', async () => {
      const [{ node: hers }] = dataOf(await t.gql(PROPOSALS, {}, she.token)).proposals.edges;
      const refused = await t.gql(ANSWER, { id: hers.id, input: { accept: true } }, school.staff.token);
      expect(onlyError(refused).extensions.code).toBe('BAD_USER_INPUT');
      expect(onlyError(refused).extensions.fields?.[0]).toMatchObject({ path: 'id', rule: 'STUDENT_ANSWERS_HERSELF' });
      expect(dataOf(await t.gql(PROPOSAL, { id: hers.id }, she.token)).proposal).toMatchObject({ studentAnswer: 'PENDING', studentAnsweredBy: null });

      const [theirs] = dataOf(await t.gql(PROPOSALS, { f: { studentId: accountless.id } }, school.staff.token)).proposals.edges.map((edge: any) => edge.node.id);
      const onBehalf = dataOf(await t.gql(ANSWER, { id: theirs, input: { accept: true } }, school.staff.token)).answerProposal;
      expect(onBehalf).toMatchObject({ studentAnswer: 'ACCEPTED', studentAnsweredBy: 'SCHOOL_ON_BEHALF', status: 'OPEN' });
      expect(await auditOf(theirs)).toEqual([
        expect.objectContaining({ action: 'proposal.accepted_by_school_on_behalf_of_student', after: expect.objectContaining({ studentAnsweredBy: 'SCHOOL_ON_BEHALF' }) }),
      ]);
    });

    it('she accepts her own proposal; with the company it becomes her internship', async () => {
      const [{ node: hers }] = dataOf(await t.gql(PROPOSALS, {}, she.token)).proposals.edges;
      const accepted = dataOf(await t.gql(ANSWER, { id: hers.id, input: { accept: true } }, she.token)).answerProposal;
      expect(accepted).toMatchObject({ studentAnswer: 'ACCEPTED', studentAnsweredBy: 'STUDENT', status: 'OPEN' });
      expect(onlyError(await t.gql(ANSWER, { id: hers.id, input: { accept: true } }, she.token)).extensions.code).toBe('CONFLICT');
      expect((await auditOf(hers.id)).map((entry: any) => entry.action)).toEqual(['proposal.accepted_by_student']);
      const both = dataOf(await t.gql(ANSWER, { id: hers.id, input: { accept: true } }, company.admin.token)).answerProposal;
      expect(both).toMatchObject({ status: 'ACCEPTED', companyAnswer: 'ACCEPTED', studentAnswer: 'ACCEPTED' });
      expect(await t.count(`internships WHERE student_id = '${student.id}'`)).toBe(1);
      // A classmate cannot answer hers, nor she another's.
      const [theirs] = dataOf(await t.gql(PROPOSALS, { f: { studentId: accountless.id } }, school.staff.token)).proposals.edges.map((edge: any) => edge.node.id);
      expect(codeOf(await t.gql(ANSWER, { id: theirs, input: { accept: false, declineReason: 'SCHEDULE_INCOMPATIBLE' } }, she.token))).toBe('NOT_FOUND');
    });

    it('she declines a proposal of her own with a reason code (and needs one)', async () => {
      const { student: other, proposalId } = await make.proposal(school, third);
      const account = await make.studentAccount(school, other);
      const missing = await t.gql(ANSWER, { id: proposalId, input: { accept: false } }, account.token);
      expect(onlyError(missing).extensions.fields?.[0]).toMatchObject({ path: 'input.declineReason', rule: 'DECLINE_REASON_REQUIRED' });
      const declined = dataOf(await t.gql(ANSWER, { id: proposalId, input: { accept: false, declineReason: 'SCHEDULE_INCOMPATIBLE' } }, account.token)).answerProposal;
      expect(declined).toMatchObject({ status: 'DECLINED', studentAnswer: 'DECLINED', studentAnsweredBy: 'STUDENT', declineReason: 'SCHEDULE_INCOMPATIBLE' });
      expect((await auditOf(proposalId)).map((entry: any) => entry.action)).toEqual(['proposal.declined_by_student']);
    }, 60_000);

    it('two days before her proposal expires she is reminded on her own account, beside the school and the company', async () => {
      const { student: other, proposalId } = await make.proposal(school, third);
      const account = await make.studentAccount(school, other, { language: 'en' });
      await t.eventsDispatched();
      const proposals = t.app.get(ProposalsService);
      try {
        clock.advance({ days: 4 });
        expect(await proposals.remindExpiring()).toBe(0);
        clock.advance({ days: 1, hours: 1 });
        // Every proposal still open in this file expires on the same day (the clock stood still meanwhile).
        expect(await proposals.remindExpiring()).toBeGreaterThan(0);
        expect(await proposals.remindExpiring()).toBe(0);
      } finally {
        clock.set(new Date());
      }
      const reminded = await eventually(async () => {
        const found = await notifications(account.token, 'PROPOSAL_EXPIRING');
        return found.length ? found : null;
      });
      expect(reminded).toEqual([expect.objectContaining({ subjectId: proposalId, title: expect.stringContaining('Your internship proposal expires soon') })]);
      expect(await notifications(she.token, 'PROPOSAL_EXPIRING')).toEqual([]);
      expect((await notifications(school.staff.token, 'PROPOSAL_EXPIRING')).map((n: any) => n.subjectId)).toContain(proposalId);
      expect((await notifications(company.admin.token, 'PROPOSAL_EXPIRING')).map((n: any) => n.subjectId)).toContain(proposalId);
    }, 60_000);
  });

  it("the company's, SBB's, the platform's and her school staff's matching operations are refused to her", async () => {
    const refused = [
      [OPEN_ROUND, { input: { periodFrom: '2027-01-01', periodTo: '2027-03-01' } }],
      ['mutation($id: ID!) { rerunMatchRound(id: $id) { id } }', { id: roundId }],
      ['{ matchRounds(first: 5) { totalCount } }', {}],
      [ROUND, { id: roundId }],
      ['query($s: ID!, $r: ID!) { matchExplanation(studentId: $s, roundId: $r) { rank } }', { s: student.id, r: roundId }],
      ['query($s: ID!, $r: ID!) { matchExplanation(studentId: $s, roundId: $r) { rank } }', { s: accountless.id, r: roundId }],
      [SET_HERS, { s: student.id, p: [] }],
      [HERS, { s: student.id }],
      ['{ companyPlacements(first: 5) { totalCount } }', {}],
    ] as const;
    for (const [query, variables] of refused) {
      expect([query, codeOf(await t.gql(query, variables, she.token))]).toEqual([query, 'FORBIDDEN']);
    }
    // node(id) answers her as for an unknown id: the round's own lookup is not hers.
    expect(codeOf(await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: roundId }, she.token))).toBe('NOT_FOUND');
    // The public search she chooses from is open to her; it lists published placements only.
    const found = dataOf(await t.gql('{ placements(first: 50) { edges { node { id status } } } }', {}, she.token)).placements.edges.map((edge: any) => edge.node);
    expect(found.map((node: any) => node.id)).toEqual(expect.arrayContaining([first, second]));
    expect(new Set(found.map((node: any) => node.status))).toEqual(new Set(['PUBLISHED']));
  });
});
