import { ProposalsService } from '../src/modules/matching/proposals.service';
import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { validStudent } from './support/fixtures';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
const SET_PREFERENCES = `mutation($studentId: ID!, $placementIds: [ID!]!) { setStudentPreferences(studentId: $studentId, placementIds: $placementIds) {
  __typename ... on StudentPreferenceList { entries { rank placementId } } ... on IneligiblePreferences { code entries { position reason message } } } }`;
const SEARCH = `query($filter: PlacementFilter) { placements(filter: $filter, first: 100) { edges { node { id title capacity } } } }`;
const OPEN_ROUND = 'mutation($input: OpenMatchRoundInput!) { openMatchRound(input: $input) { id status lotterySeed } }';
const ROUND = 'query($id: ID!) { matchRound(id: $id) { status students placements proposals unmatched lotterySeed inputHash normSetVersion error } }';
const BLIND_FIELDS = 'pseudonym crebo level leerweg learningWish werkprocessen availableFrom availableUntil daysPerWeek hoursPerWeek accessibilityNeeds';
const PROPOSALS = `query($status: ProposalStatus) { proposals(status: $status, first: 100) { totalCount edges { node {
  id status rank priority companyAnswer studentAnswer studentId placement { id title } candidate { ${BLIND_FIELDS} } } } } }`;
const ANSWER = `mutation($id: ID!, $input: AnswerProposalInput!) { answerProposal(id: $id, input: $input) { id status companyAnswer studentAnswer declineReason } }`;
const INTERNSHIPS = '{ internships { totalCount edges { node { placementId studentId student { fullName email } } } } }';

const student = (name: string, change: Record<string, unknown> = {}) => ({
  ...validStudent(),
  crebo: '25655',
  level: 3,
  learningWish: 'Ik wil verzorgende worden in de ouderenzorg',
  werkprocessen: ['zorgplan uitvoeren', 'signaleren'],
  radiusKm: 15,
  availableFrom: '2027-02-01',
  availableUntil: '2027-07-15',
  identity: { fullName: name, dateOfBirth: '2007-03-02', email: `${name.split(' ')[0].toLowerCase()}@student.test` },
  ...change,
});

describe('matching: preferences, a blind round, answers and the identity reveal', () => {
  let t: TestApp;
  let make: Factories;
  let platformAdmin: string;
  let sbb: string;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  /** Verzorgende (25655) with two placements starting 2027-02-01, kok (25180) with two, and ICT (25604) with none yet; all in Utrecht. */
  let zorg: MadeCompany;
  let horeca: MadeCompany;
  let ict: MadeCompany;
  let kok: string[];
  /** Zorg's two placements: the only ones for 25655 in this file's database. */
  let verzorgende: string[];

  const waitForRound = (id: string) =>
    eventually(async () => {
      const round = dataOf(await t.gql(ROUND, { id }, platformAdmin)).matchRound;
      return round.status === 'COMPLETED' || round.status === 'FAILED' ? round : null;
    }, 30_000);

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, zorg, horeca, ict] = await Promise.all([
      make.school(),
      make.school(),
      make.company(),
      make.company({ sector: 'VOEDSEL_GROEN_GASTVRIJHEID', crebos: ['25180'] }),
      make.company({ sector: 'ICT_CREATIEVE_INDUSTRIE', crebos: ['25604'] }),
    ]);
    [platformAdmin, sbb] = [(await make.platformAdmin()).token, (await make.sbb()).token];
    const cook = { crebos: ['25180'], level: 2, werkprocessen: ['mise-en-place'] };
    kok = await Promise.all([make.publishedPlacement(horeca, cook), make.publishedPlacement(horeca, cook)]);
    verzorgende = await Promise.all([make.publishedPlacement(zorg), make.publishedPlacement(zorg)]);
  }, 120_000);
  afterAll(() => t.stop());

  it('refuses ineligible, duplicate, foreign and unknown entries, storing nothing', async () => {
    const staff = school.staff.token;
    const id = dataOf(await t.gql(CREATE_STUDENT, { input: student('Ilse Vermeer') }, staff)).createStudent.id;
    const refused = dataOf(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: kok }, staff)).setStudentPreferences;
    expect(refused).toMatchObject({ __typename: 'IneligiblePreferences', code: 'INELIGIBLE_PREFERENCES' });
    expect(refused.entries.map((entry: any) => [entry.position, entry.reason])).toEqual([
      [0, 'CREBO'],
      [1, 'CREBO'],
    ]);

    const bad = [
      [{ studentId: id, placementIds: [kok[0], kok[0]] }, staff, 'BAD_USER_INPUT', 'placementIds.1'],
      [{ studentId: id, placementIds: Array.from({ length: 21 }, () => kok[0]) }, staff, 'BAD_USER_INPUT', 'placementIds'],
      [{ studentId: id, placementIds: ['00000000-0000-4000-8000-000000000000'] }, staff, 'NOT_FOUND', 'placementIds.0'],
      [{ studentId: id, placementIds: [kok[0]] }, otherSchool.admin.token, 'NOT_FOUND', 'studentId'],
    ] as const;
    for (const [variables, token, code, path] of bad) {
      const error = onlyError(await t.gql(SET_PREFERENCES, variables, token));
      expect(error.extensions.code).toBe(code);
      expect(error.extensions.fields![0].path).toBe(path);
    }
    expect(onlyError(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: [] }, zorg.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(await t.count(`student_preferences WHERE student_id = '${id}'`)).toBe(0);
  });

  it('completes a list with eligible suggestions, marked as suggested, after her own choices', async () => {
    const staff = school.staff.token;
    const id = dataOf(await t.gql(CREATE_STUDENT, { input: student('Sanne Kok') }, staff)).createStudent.id;
    const eligible = dataOf(
      await t.gql(SEARCH, { filter: { crebo: '25655', startFrom: '2027-02-01', startTo: '2027-02-01', near: { postcode: '3511', radiusKm: 15 } } }, staff),
    ).placements.edges.map((edge: any) => edge.node.id);
    expect([...eligible].sort()).toEqual([...verzorgende].sort());
    const query = `mutation($studentId: ID!, $placementIds: [ID!]!) { setStudentPreferences(studentId: $studentId, placementIds: $placementIds, completeWithSuggestions: true) {
      ... on StudentPreferenceList { entries { rank placementId suggested } } } }`;
    const { entries } = dataOf(await t.gql(query, { studentId: id, placementIds: [eligible[0]] }, staff)).setStudentPreferences;
    expect(entries[0]).toEqual({ rank: 1, placementId: eligible[0], suggested: false });
    expect(entries.slice(1).every((entry: any) => entry.suggested)).toBe(true);
    expect(entries.map((entry: any) => entry.placementId).sort()).toEqual([...eligible].sort());
    expect(entries.map((entry: any) => entry.rank)).toEqual(entries.map((_: unknown, index: number) => index + 1));

    // An empty list clears hers (and keeps her out of the next test's round).
    expect(dataOf(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: [] }, staff)).setStudentPreferences.entries).toEqual([]);
  });

  it('runs a round; the company sees blind candidates only; both accept; only then is the student revealed, and audited', async () => {
    const staff = school.staff.token;
    const names = ['Yara Benali', 'Daan de Wit'];
    const ids: string[] = [];
    for (const name of names) ids.push(dataOf(await t.gql(CREATE_STUDENT, { input: student(name) }, staff)).createStudent.id);
    const near = { crebo: '25655', startFrom: '2027-02-01', startTo: '2027-02-01', near: { postcode: '3511', radiusKm: 15 } };
    const list = dataOf(await t.gql(SEARCH, { filter: near }, staff)).placements.edges.map((edge: any) => edge.node.id);
    expect([...list].sort()).toEqual([...verzorgende].sort());
    for (const id of ids) {
      expect(dataOf(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: list }, staff)).setStudentPreferences.__typename).toBe('StudentPreferenceList');
    }

    const opened = dataOf(await t.gql(OPEN_ROUND, { input: { region: 'Utrecht', periodFrom: '2027-01-01', periodTo: '2027-12-31' } }, platformAdmin)).openMatchRound;
    expect(opened.lotterySeed).toMatch(/^[0-9a-f]{64}$/);
    const round = await waitForRound(opened.id);
    expect(round).toMatchObject({ status: 'COMPLETED', students: 2, normSetVersion: 1, error: null });
    expect(round.inputHash).toMatch(/^[0-9a-f]{64}$/);
    // Two seats at each of the two placements both list: both students get one.
    expect(round).toMatchObject({ proposals: 2, unmatched: 0 });

    const company = zorg.admin.token;
    const offered = dataOf(await t.gql(PROPOSALS, { status: 'OPEN' }, company)).proposals.edges.map((edge: any) => edge.node);
    expect(offered).toHaveLength(round.proposals);
    for (const proposal of offered) {
      expect(Object.keys(proposal.candidate).sort()).toEqual(BLIND_FIELDS.split(' ').sort());
      expect(proposal.studentId).toBeNull();
      expect(proposal.candidate.pseudonym).toMatch(/^Kandidaat [0-9A-F]{10}$/);
    }
    const companyView = JSON.stringify(offered);
    for (const name of names) expect(companyView).not.toContain(name);
    for (const id of ids) expect(companyView).not.toContain(id);

    const [proposal] = offered;
    const mine = dataOf(await t.gql(PROPOSALS, {}, staff)).proposals.edges.map((edge: any) => edge.node).find((node: any) => node.id === proposal.id);
    expect(ids).toContain(mine.studentId);
    const explanation = dataOf(
      await t.gql('query($s: ID!, $r: ID!) { matchExplanation(studentId: $s, roundId: $r) { placementId rank choices { rank outcome priority } } }', {
        s: mine.studentId,
        r: opened.id,
      }, staff),
    ).matchExplanation;
    expect(explanation).toMatchObject({ placementId: proposal.placement.id, rank: proposal.rank });
    expect(explanation.choices.at(-1)).toMatchObject({ outcome: 'MATCHED', rank: proposal.rank, priority: proposal.priority });

    expect(dataOf(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, company)).answerProposal).toMatchObject({ status: 'OPEN', companyAnswer: 'ACCEPTED' });
    expect(dataOf(await t.gql(INTERNSHIPS, {}, company)).internships.totalCount).toBe(0);
    expect(onlyError(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, company)).extensions.code).toBe('CONFLICT');
    expect(dataOf(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, staff)).answerProposal).toMatchObject({ status: 'ACCEPTED', studentAnswer: 'ACCEPTED' });

    const [internship] = dataOf(await t.gql(INTERNSHIPS, {}, company)).internships.edges.map((edge: any) => edge.node);
    expect(internship).toMatchObject({ placementId: proposal.placement.id, studentId: mine.studentId });
    expect(names).toContain(internship.student.fullName);
    const revealed = dataOf(
      await t.gql('query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node { action entityId after } } } }', {
        f: { action: 'student.identity_revealed' },
      }, sbb),
    ).auditLog.edges.map((edge: any) => edge.node);
    expect(revealed).toEqual([expect.objectContaining({ entityId: mine.studentId, after: expect.objectContaining({ proposalId: proposal.id }) })]);

    const other = horeca.admin.token;
    expect(dataOf(await t.gql(INTERNSHIPS, {}, other)).internships.totalCount).toBe(0);
    expect(JSON.stringify(dataOf(await t.gql(PROPOSALS, {}, other)))).not.toContain(proposal.id);
    expect(onlyError(await t.gql(ANSWER, { id: proposal.id, input: { accept: true } }, other)).extensions.code).toBe('NOT_FOUND');

    await eventually(async () =>
      dataOf(await t.gql('{ notifications(first: 50) { edges { node { eventType } } } }', {}, school.admin.token)).notifications.edges.some(
        (edge: any) => edge.node.eventType === 'PROPOSAL_MADE',
      ),
    );
  });

  it('lets exactly one of 30 concurrent acceptances take the last seat of a placement', async () => {
    const staff = school.staff.token;
    const company = ict.admin.token;
    const placementInput = {
      branchId: ict.branchId,
      trainerId: ict.trainerId,
      title: 'Software developer — zomerproject',
      description: 'Stage in het platformteam',
      crebos: ['25604'],
      level: 4,
      leerweg: 'BOL',
      werkprocessen: ['realiseren', 'testen'],
      startDate: '2028-03-01',
      endDate: '2028-06-30',
      daysPerWeek: 4,
      hoursPerWeek: 32,
      capacity: 30,
      stipendMonthlyCents: 40000,
      expenseAllowanceCents: 5000,
    };
    const placementId = dataOf(await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', { input: placementInput }, company))
      .createPlacement.id;
    expect(dataOf(await t.gql('mutation($id: ID!) { publishPlacement(id: $id) { __typename } }', { id: placementId }, company)).publishPlacement.__typename).toBe('Placement');
    for (let n = 0; n < 30; n += 1) {
      const input = { ...validStudent(), availableFrom: '2028-02-01', availableUntil: '2028-07-31', identity: { fullName: `Student ${n}`, dateOfBirth: '2008-01-01', email: `s${n}@student.test` } };
      const id = dataOf(await t.gql(CREATE_STUDENT, { input }, staff)).createStudent.id;
      expect(dataOf(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: [placementId] }, staff)).setStudentPreferences.__typename).toBe('StudentPreferenceList');
    }
    const opened = dataOf(await t.gql(OPEN_ROUND, { input: { periodFrom: '2028-03-01', periodTo: '2028-03-01' } }, platformAdmin)).openMatchRound;
    expect(await waitForRound(opened.id)).toMatchObject({ status: 'COMPLETED', proposals: 30 });

    const update = 'mutation($id: ID!) { updatePlacement(id: $id, input: { capacity: 1 }) { __typename } }';
    expect(dataOf(await t.gql(update, { id: placementId }, company)).updatePlacement.__typename).toBe('Placement');
    const proposals = dataOf(await t.gql(PROPOSALS, { status: 'OPEN' }, company)).proposals.edges.map((edge: any) => edge.node.id);
    expect(proposals).toHaveLength(30);
    for (const id of proposals) dataOf(await t.gql(ANSWER, { id, input: { accept: true } }, staff));

    const results = await Promise.all(proposals.map((id: string) => t.gql(ANSWER, { id, input: { accept: true } }, company)));
    expect(results.filter((result) => result.data?.answerProposal?.status === 'ACCEPTED')).toHaveLength(1);
    expect(results.filter((result) => result.errors?.[0]?.extensions.code === 'CONFLICT')).toHaveLength(29);
    expect(await t.count(`internships WHERE placement_id = '${placementId}'`)).toBe(1);
  });

  it('needs a reason code (R21) for a company decline, audits it, and frees the seat', async () => {
    const company = ict.admin.token;
    const [open] = dataOf(await t.gql(PROPOSALS, { status: 'OPEN' }, company)).proposals.edges.map((edge: any) => edge.node.id);
    const error = onlyError(await t.gql(ANSWER, { id: open, input: { accept: false } }, company));
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path: 'input.declineReason', rule: 'R21' })]);
    const declined = dataOf(await t.gql(ANSWER, { id: open, input: { accept: false, declineReason: 'PLACE_NO_LONGER_AVAILABLE' } }, company)).answerProposal;
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'PLACE_NO_LONGER_AVAILABLE' });
    expect(onlyError(await t.gql(ANSWER, { id: open, input: { accept: true } }, company)).extensions.code).toBe('CONFLICT');
    const audit = dataOf(
      await t.gql('query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node { action after } } } }', { f: { entityId: open } }, sbb),
    ).auditLog.edges.map((edge: any) => edge.node);
    expect(audit[0]).toMatchObject({ action: 'proposal.declined_by_company', after: expect.objectContaining({ declineReason: 'PLACE_NO_LONGER_AVAILABLE' }) });
  });

  it('expires open proposals after their time (the seat is free again) and warns both sides once two days before', async () => {
    const company = ict.admin.token;
    const [late, soon] = dataOf(await t.gql(PROPOSALS, { status: 'OPEN' }, company)).proposals.edges.map((edge: any) => edge.node.id);
    await t.dataSource.query(`UPDATE proposals SET expires_at = now() - interval '1 hour' WHERE id = $1`, [late]);
    await t.dataSource.query(`UPDATE proposals SET expires_at = now() + interval '1 day' WHERE id = $1`, [soon]);
    const proposals = t.app.get(ProposalsService);
    expect(await proposals.expireDue()).toBe(1);
    expect(onlyError(await t.gql(ANSWER, { id: late, input: { accept: true } }, company)).extensions.code).toBe('CONFLICT');
    expect(await t.count(`proposals WHERE id = '${late}' AND status = 'EXPIRED'`)).toBe(1);

    expect(await proposals.remindExpiring()).toBe(1);
    expect(await proposals.remindExpiring()).toBe(0);
    const expiring = async () =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType } } } }', {}, company)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'PROPOSAL_EXPIRING',
      ).length;
    await eventually(async () => (await expiring()) === 1);
  });

  it('gives a student whose internship ended early the first place among equal scores in the next round, once', async () => {
    const staff = school.staff.token;
    const company = ict.admin.token;
    const winners: string[] = [];
    // Where the flagged twins first had an internship, which the company ends early.
    const firstPlacement = await make.publishedPlacement(ict, { title: 'Software developer — eerste stage', crebos: ['25604'], level: 4, werkprocessen: ['realiseren', 'testen'] });
    const TERMINATE = 'mutation($id: ID!) { terminateInternship(id: $id, input: { code: COMPANY_STOPPED, reason: "Project gestopt" }) { status } }';
    const AVAILABLE = 'mutation($id: ID!, $from: LocalDate!, $until: LocalDate!) { updateStudent(id: $id, input: { availableFrom: $from, availableUntil: $until }) { id } }';
    for (const [round, start] of ['2029-03-01', '2029-09-03'].entries()) {
      const input = {
        branchId: ict.branchId,
        trainerId: ict.trainerId,
        title: `Software developer — ronde ${round}`,
        description: 'Eén plaats',
        crebos: ['25604'],
        level: 4,
        leerweg: 'BOL',
        werkprocessen: ['realiseren', 'testen'],
        startDate: start,
        endDate: '2029-12-20',
        daysPerWeek: 4,
        hoursPerWeek: 32,
        capacity: 1,
        stipendMonthlyCents: 40000,
        expenseAllowanceCents: 5000,
      };
      const placementId = dataOf(await t.gql('mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }', { input }, company)).createPlacement.id;
      dataOf(await t.gql('mutation($id: ID!) { publishPlacement(id: $id) { __typename } }', { id: placementId }, company));
      // Twins with the same profile; the second (one round) and the first (the other) had an internship
      // ended early: placed at the first placement the real way, then terminated by the company.
      const twins: string[] = [];
      for (const name of ['A', 'B']) {
        const identity = { fullName: `Tweeling ${round}${name}`, dateOfBirth: '2008-01-01', email: `t${round}${name}@student.test` };
        let id: string;
        if (name === ['B', 'A'][round]) {
          const first = await make.internship(school, ict, firstPlacement, { ...validStudent(), identity });
          expect(dataOf(await t.gql(TERMINATE, { id: first.internshipId }, company)).terminateInternship.status).toBe('TERMINATED');
          id = first.student.id;
          dataOf(await t.gql(AVAILABLE, { id, from: start, until: '2029-12-31' }, staff));
        } else {
          id = dataOf(await t.gql(CREATE_STUDENT, { input: { ...validStudent(), availableFrom: start, availableUntil: '2029-12-31', identity } }, staff)).createStudent.id;
        }
        dataOf(await t.gql(SET_PREFERENCES, { studentId: id, placementIds: [placementId] }, staff));
        twins.push(id);
      }
      const flagged = twins[1 - round];
      expect(await t.dataSource.query('SELECT id, rematch_priority FROM students WHERE id = ANY($1) ORDER BY id', [twins])).toEqual(
        twins.map((id) => ({ id, rematch_priority: id === flagged })).sort((a, b) => a.id.localeCompare(b.id)),
      );
      const opened = dataOf(await t.gql(OPEN_ROUND, { input: { periodFrom: start, periodTo: start } }, platformAdmin)).openMatchRound;
      expect(await waitForRound(opened.id)).toMatchObject({ status: 'COMPLETED', students: 2, proposals: 1 });
      const [winner] = await t.dataSource.query('SELECT student_id FROM proposals WHERE round_id = $1', [opened.id]);
      winners.push(winner.student_id === flagged ? 'flagged' : 'other');
      const [{ rematch_priority }] = await t.dataSource.query('SELECT rematch_priority FROM students WHERE id = $1', [flagged]);
      expect(rematch_priority).toBe(false);
    }
    expect(winners).toEqual(['flagged', 'flagged']);
  });
});
