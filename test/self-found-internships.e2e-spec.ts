import { AdverseImpactReads } from '../src/modules/reporting/adverse-impact.reads';
import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';
import { eventually } from './support/receivers';
import { arrangeOpenProposals } from './support/placement-flow';

/** Issue #16: internships the student found herself, registered by her school and confirmed by the company. */
const CONFIRM = `mutation($id: ID!, $input: ConfirmInternshipInput) { confirmInternship(id: $id, input: $input) {
  __typename
  ... on Internship { id status registrationId proposalId placementId startDate endDate pok { id version status terms { crebo leerweg hoursPerWeek praktijkopleider student branch stipendMonthlyCents expenseAllowanceCents employmentContract } } }
  ... on ComplianceRejection { code rules message normSetVersion findings { rule severity field } } } }`;
const DECLINE = 'mutation($id: ID!, $input: DeclineInternshipInput!) { declineInternship(id: $id, input: $input) { status declineReason decidedAt } }';
const WITHDRAW = 'mutation($id: ID!) { withdrawInternshipRegistration(id: $id) { status } }';
const REGISTER = 'mutation($input: RegisterInternshipInput!) { registerInternship(input: $input) { id status } }';
const REGISTRATIONS = 'query($status: InternshipRegistrationStatus) { internshipRegistrations(first: 50, status: $status) { totalCount edges { node { id status studentId internshipId } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status } }';
const LOG = 'mutation($id: ID!, $input: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $input) { id } }';
const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator } }';
const COMPLETE = 'mutation($id: ID!) { completeInternship(id: $id) { status } }';
const LOG_HOURS = 'mutation($id: ID!, $input: LogHoursInput!) { logHours(internshipId: $id, input: $input) { id } }';
const APPROVE_HOURS = 'mutation($id: ID!) { approveHours(id: $id) { status } }';
const RECORD_ASSESSMENT = 'mutation($id: ID!, $input: RecordAssessmentInput!) { recordAssessment(internshipId: $id, input: $input) { status } }';
const CONFIRM_ASSESSMENT = 'mutation($id: ID!) { confirmAssessment(internshipId: $id) { status } }';
const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status } }';
const ASSIGNMENTS = 'query($t: ID) { trainerAssignments(trainerId: $t, first: 50) { totalCount edges { node { studentId internshipId placementId } } } }';
const INTERNSHIP = 'query { internships(first: 100) { edges { node { id status studentId registrationId } } } }';
const NOTIFICATIONS = '{ notifications(first: 100) { edges { node { eventType title body subjectKind subjectId } } } }';

describe('self-found internships (issue #16)', () => {
  let t: TestApp;
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, company] = await Promise.all([make.school(), make.company()]);
  });
  afterAll(() => t.stop());

  it('lives the whole life of a matched one: registered, confirmed by company staff, POK signed, started, contacts, evaluations, completed', async () => {
    const { student, registrationId } = await make.registration(school, company);
    // The company sees the request, with who she is: she went to the company herself (R20 governs matching only).
    const requested = dataOf(await t.gql(REGISTRATIONS, { status: 'REQUESTED' }, company.staff.token)).internshipRegistrations.edges.map((edge: any) => edge.node);
    expect(requested).toEqual([{ id: registrationId, status: 'REQUESTED', studentId: student.id, internshipId: null }]);
    // Confirming is the company's answer; the school cannot give it.
    expect(onlyError(await t.gql(CONFIRM, { id: registrationId }, school.staff.token)).extensions.code).toBe('FORBIDDEN');

    const internship = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.staff.token)).confirmInternship;
    expect(internship).toMatchObject({
      __typename: 'Internship',
      status: 'PLANNED',
      registrationId,
      proposalId: null,
      placementId: null,
      startDate: '2027-02-01',
      endDate: '2027-06-30',
      pok: { version: 1, status: 'PENDING', terms: { crebo: '25655', leerweg: 'BOL', hoursPerWeek: 32, student: student.identity.fullName, stipendMonthlyCents: 32000, expenseAllowanceCents: 5000, employmentContract: false } },
    });
    expect(internship.pok.terms.praktijkopleider).toBeTruthy();
    expect(dataOf(await t.gql(REGISTRATIONS, {}, school.staff.token)).internshipRegistrations.edges[0].node).toMatchObject({ status: 'CONFIRMED', internshipId: internship.id });
    // R6: the praktijkopleider guides her from the confirmation on.
    const assignments = dataOf(await t.gql(ASSIGNMENTS, { t: company.trainerId }, company.admin.token)).trainerAssignments.edges.map((edge: any) => edge.node);
    expect(assignments).toEqual([{ studentId: student.id, internshipId: internship.id, placementId: null }]);
    // Confirmed once: a second answer is refused.
    expect(onlyError(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).extensions.code).toBe('CONFLICT');

    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: internship.pok.id, party }, school.staff.token));
    expect(dataOf(await t.gql(SIGN, { id: internship.pok.id, party: 'COMPANY' }, company.admin.token)).signPok.status).toBe('SIGNED');
    expect(dataOf(await t.gql(START, { id: internship.id }, company.admin.token)).startInternship.status).toBe('ACTIVE');

    clock.set('2027-07-01T10:00:00+02:00');
    const contact = (date: string, onSite: boolean) => ({ date, type: 'PROGRESS', onSite, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] });
    for (const input of [contact('2027-02-10', true), contact('2027-04-14', false), contact('2027-06-20', false)]) dataOf(await t.gql(LOG, { id: internship.id, input }, school.staff.token));
    // Issue #17: with her own account she logs her hours (the company approves them) and records her end evaluation herself;
    // the praktijkopleider assesses the werkproces of the POK and the school confirms it.
    const she = await make.studentAccount(school, student);
    for (let monday = Date.parse('2027-02-01'); monday <= Date.parse('2027-06-28'); monday += 7 * 86_400_000) {
      const weekStart = new Date(monday).toISOString().slice(0, 10);
      const hoursPerDay = weekStart === '2027-06-28' ? [8, 8, 8, 0, 0, 0, 0] : [8, 8, 8, 8, 0, 0, 0];
      const week = dataOf(await t.gql(LOG_HOURS, { id: internship.id, input: { weekStart, hoursPerDay } }, she.token)).logHours;
      dataOf(await t.gql(APPROVE_HOURS, { id: week.id }, company.staff.token));
    }
    const grades = { werkprocessen: [{ werkproces: 'zorgplan uitvoeren', grade: 'GOED', comment: 'Zelfstandig en zorgvuldig' }] };
    dataOf(await t.gql(RECORD_ASSESSMENT, { id: internship.id, input: grades }, company.admin.token));
    dataOf(await t.gql(CONFIRM_ASSESSMENT, { id: internship.id }, school.staff.token));
    const evaluation = (evaluator: string) => ({ evaluator, rating: 8, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('STUDENT') }, she.token));
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('SCHOOL') }, school.staff.token));
    dataOf(await t.gql(EVALUATE, { id: internship.id, input: evaluation('TRAINER') }, company.admin.token));
    expect(dataOf(await t.gql(COMPLETE, { id: internship.id }, company.admin.token)).completeInternship.status).toBe('COMPLETED');
    // Completed, she no longer counts towards her praktijkopleider's load (R6).
    expect(dataOf(await t.gql(ASSIGNMENTS, { t: company.trainerId }, company.admin.token)).trainerAssignments.totalCount).toBe(0);
    clock.set('2027-01-10T10:00:00+01:00');
  });

  it('refuses a BOL stipend below the floor with ComplianceRejection (R15), writing nothing, and confirms the corrected terms', async () => {
    const { registrationId } = await make.registration(school, company, { stipendMonthlyCents: 31999 });
    const before = await t.count('internships');
    const refused = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    expect(refused).toMatchObject({ __typename: 'ComplianceRejection', code: 'COMPLIANCE_REJECTED', rules: ['R15'], normSetVersion: 1 });
    expect(refused.findings).toEqual([expect.objectContaining({ rule: 'R15', severity: 'BLOCK', field: 'stipendMonthlyCents' })]);
    expect(await t.count('internships')).toBe(before);
    expect(await t.count(`internship_registrations WHERE id = '${registrationId}' AND status = 'REQUESTED'`)).toBe(1);

    const confirmed = dataOf(await t.gql(CONFIRM, { id: registrationId, input: { stipendMonthlyCents: 32000 } }, company.admin.token)).confirmInternship;
    expect(confirmed).toMatchObject({ __typename: 'Internship', status: 'PLANNED' });
    await terminate(confirmed.id);
  });

  it('refuses a branch without an accreditation for the crebo (R1) and an internship without a praktijkopleider (R5)', async () => {
    const { registrationId } = await make.registration(school, company, { crebo: '25604', level: 4, trainerId: null });
    const refused = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    expect(refused).toMatchObject({ __typename: 'ComplianceRejection' });
    expect(refused.rules).toEqual(expect.arrayContaining(['R1', 'R5']));
  });

  it('BBL: records the employment contract and applies the minimum youth wage (R14)', async () => {
    const { id: studentId } = await make.student(school);
    const bbl = { studentId, branchId: company.branchId, trainerId: company.trainerId, crebo: '25655', level: 3, leerweg: 'BBL', startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32, stipendMonthlyCents: 50000 };
    const noContract = onlyError(await t.gql(REGISTER, { input: bbl }, school.staff.token));
    expect(noContract.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.employmentContract', rule: 'R14' })] });
    const { id } = dataOf(await t.gql(REGISTER, { input: { ...bbl, employmentContract: true } }, school.staff.token)).registerInternship;
    // 18 on the start date: €7.36 an hour, 32 h a week ≈ €1,020.59 a month; €500 is far below.
    const refused = dataOf(await t.gql(CONFIRM, { id }, company.admin.token)).confirmInternship;
    expect(refused).toMatchObject({ __typename: 'ComplianceRejection', rules: ['R14'] });
    const confirmed = dataOf(await t.gql(CONFIRM, { id, input: { stipendMonthlyCents: 102100 } }, company.admin.token)).confirmInternship;
    // The internship's POK records the employment contract and the wage (R14).
    expect(confirmed).toMatchObject({ __typename: 'Internship', status: 'PLANNED', pok: { terms: { leerweg: 'BBL', employmentContract: true, stipendMonthlyCents: 102100 } } });
    await terminate(confirmed.id);
  });

  it('a decline needs a reason code (R21) and is audited; either side may withdraw before confirmation, not after', async () => {
    const declined = await make.registration(school, company);
    const noReason = onlyError(await t.gql('mutation($id: ID!) { declineInternship(id: $id, input: {}) { status } }', { id: declined.registrationId }, company.admin.token));
    expect(noReason.extensions.code).toBe('BAD_USER_INPUT');
    const answer = dataOf(await t.gql(DECLINE, { id: declined.registrationId, input: { reason: 'SCHEDULE_INCOMPATIBLE', note: 'Alleen nachtdiensten' } }, company.admin.token)).declineInternship;
    expect(answer).toMatchObject({ status: 'DECLINED', declineReason: 'SCHEDULE_INCOMPATIBLE', decidedAt: expect.any(String) });
    expect(await t.count(`audit_log WHERE entity_id = '${declined.registrationId}' AND action = 'internship_registration.declined'`)).toBe(1);
    expect(onlyError(await t.gql(CONFIRM, { id: declined.registrationId }, company.admin.token)).extensions.code).toBe('CONFLICT');
    // R23: the company's answers to self-found requests are selection decisions, counted like proposal
    // answers: the three confirmed above and this decline; the refused and unanswered ones are no decision.
    const [decisions] = await t.app.get(AdverseImpactReads).decisions({ from: '2020-01-01', to: '2030-12-31', companyId: company.id }, () => 'SELECT NULL::uuid AS student_id, NULL::text AS grp WHERE false');
    expect(decisions).toMatchObject({ company_id: company.id, observations: 4, accepted: 3, answered: 4, SCHEDULE_INCOMPATIBLE: 1 });

    const bySchool = await make.registration(school, company);
    expect(dataOf(await t.gql(WITHDRAW, { id: bySchool.registrationId }, school.staff.token)).withdrawInternshipRegistration.status).toBe('WITHDRAWN');
    expect(onlyError(await t.gql(CONFIRM, { id: bySchool.registrationId }, company.admin.token)).extensions.code).toBe('CONFLICT');
    const byCompany = await make.registration(school, company);
    expect(dataOf(await t.gql(WITHDRAW, { id: byCompany.registrationId }, company.staff.token)).withdrawInternshipRegistration.status).toBe('WITHDRAWN');
    // Another school sees none of it.
    const other = await make.school();
    expect(onlyError(await t.gql(WITHDRAW, { id: byCompany.registrationId }, other.staff.token)).extensions.code).toBe('NOT_FOUND');
  });

  it('with a placement, takes one of its seats under the lock a match takes, never over capacity', async () => {
    const placementId = await make.publishedPlacement(company, { capacity: 1 });
    const first = await make.registration(school, company, { placementId });
    const second = await make.registration(school, company, { placementId });
    const seated = dataOf(await t.gql(CONFIRM, { id: first.registrationId }, company.admin.token)).confirmInternship;
    expect(seated).toMatchObject({ __typename: 'Internship', placementId });
    const full = onlyError(await t.gql(CONFIRM, { id: second.registrationId }, company.admin.token));
    expect(full.extensions.code).toBe('CONFLICT');
    expect(full.message).toContain('geen vrije plek');
    expect(await t.count(`internships WHERE placement_id = '${placementId}'`)).toBe(1);
    await terminate(seated.id);
    dataOf(await t.gql(WITHDRAW, { id: second.registrationId }, school.staff.token));
  });

  it('R6 counts matched and self-found internships alike: a matched one gets its assignment on acceptance; the fourth student of one praktijkopleider is refused until one internship ends', async () => {
    // A company of its own: its praktijkopleider guides no one yet.
    const [school, company] = await Promise.all([make.school(), make.company()]);
    const placementId = await make.publishedPlacement(company, { capacity: 1 });
    const matched = await make.internship(school, company, placementId);
    const assignments = async () => dataOf(await t.gql(ASSIGNMENTS, { t: company.trainerId }, company.admin.token)).trainerAssignments.edges.map((edge: any) => edge.node);
    expect(await assignments()).toEqual([{ studentId: matched.student.id, internshipId: matched.internshipId, placementId }]);

    for (let n = 0; n < 2; n += 1) {
      const { registrationId } = await make.registration(school, company);
      expect(dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship.__typename).toBe('Internship');
    }
    const fourth = await make.registration(school, company);
    const refused = dataOf(await t.gql(CONFIRM, { id: fourth.registrationId }, company.admin.token)).confirmInternship;
    expect(refused).toMatchObject({ __typename: 'ComplianceRejection', rules: ['R6'] });
    expect(refused.message).toContain('begeleidt al 3 studenten'); // the company admin reads Dutch (issue #19)

    dataOf(await t.gql(TERMINATE, { id: matched.internshipId, input: { code: 'STUDENT_CHOICE', reason: 'Stopt met de opleiding' } }, school.staff.token));
    expect(dataOf(await t.gql(CONFIRM, { id: fourth.registrationId }, company.admin.token)).confirmInternship.__typename).toBe('Internship');
    const internships = dataOf(await t.gql(INTERNSHIP, {}, school.staff.token)).internships.edges.map((edge: any) => edge.node);
    expect(internships.filter((node: any) => node.status === 'PLANNED')).toHaveLength(3);
    expect(await assignments()).toHaveLength(3);
  });

  it('R6 leaves out reservations for open proposals and ended assignments; changing the praktijkopleider ends one assignment and starts the next; R2 withdraws the proposals, whose reservations never counted', async () => {
    const [school, company, sbb] = await Promise.all([make.school(), make.company(), make.sbb()]);
    const admin = company.admin.token;
    const CHANGE = `mutation($id: ID!, $trainer: ID!) { changePraktijkopleider(internshipId: $id, trainerId: $trainer) {
      __typename ... on Pok { version status terms { praktijkopleider } } ... on ComplianceRejection { rules } } }`;
    const running = async (trainerId: string) =>
      dataOf(await t.gql(ASSIGNMENTS, { t: trainerId }, admin)).trainerAssignments.edges.map((edge: any) => edge.node);
    const confirm = async (trainerId = company.trainerId) => {
      const { registrationId } = await make.registration(school, company, { trainerId });
      return dataOf(await t.gql(CONFIRM, { id: registrationId }, admin)).confirmInternship;
    };
    const other = dataOf(
      await t.gql('mutation($input: CreateTrainerInput!) { createTrainer(input: $input) { id name } }', {
        input: { name: 'Ilse de Wit', qualificationLevel: 4, yearsOfExperience: 6, courseCompletedOn: '2025-01-15' },
      }, admin),
    ).createTrainer;

    // A self-found internship without a placement gets another praktijkopleider: the next POK version names her.
    const first = await confirm();
    expect(onlyError(await t.gql('mutation($id: ID!) { amendPok(internshipId: $id, input: { praktijkopleider: "Ilse de Wit" }) { id } }', { id: first.id }, admin)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ path: 'input.praktijkopleider', rule: 'R6' })],
    });
    expect(onlyError(await t.gql(CHANGE, { id: first.id, trainer: other.id }, school.staff.token)).extensions.code).toBe('FORBIDDEN');
    const changed = dataOf(await t.gql(CHANGE, { id: first.id, trainer: other.id }, admin)).changePraktijkopleider;
    expect(changed).toEqual({ __typename: 'Pok', version: 2, status: 'PENDING', terms: { praktijkopleider: 'Ilse de Wit' } });
    expect(await running(company.trainerId)).toEqual([]);
    expect(await running(other.id)).toEqual([{ studentId: expect.any(String), internshipId: first.id, placementId: null }]);
    // The old assignment ended, not deleted: its history stays.
    expect(await t.count(`trainer_assignments WHERE internship_id = '${first.id}' AND ended_at IS NOT NULL AND trainer_id = '${company.trainerId}'`)).toBe(1);

    // She takes two more; a fourth internship cannot move to her (R6), and nothing changes.
    for (let n = 0; n < 2; n += 1) expect((await confirm(other.id)).__typename).toBe('Internship');
    const fourth = await confirm();
    expect(dataOf(await t.gql(CHANGE, { id: fourth.id, trainer: other.id }, admin)).changePraktijkopleider).toEqual({ __typename: 'ComplianceRejection', rules: ['R6'] });
    expect(await running(company.trainerId)).toEqual([expect.objectContaining({ internshipId: fourth.id })]);

    // Reservations for three students whose proposals are open do not count: her praktijkopleider
    // guides one internship and takes two more.
    const placementId = await make.publishedPlacement(company, { capacity: 5 });
    const reserved = await Promise.all([0, 1, 2].map(async () => (await make.student(school)).id));
    await arrangeOpenProposals(t, placementId, reserved);
    const ASSIGN = 'mutation($input: AssignTrainerInput!) { assignTrainer(input: $input) { __typename } }';
    for (const studentId of reserved) expect(dataOf(await t.gql(ASSIGN, { input: { placementId, studentId } }, admin)).assignTrainer.__typename).toBe('TrainerAssignment');
    expect(await running(company.trainerId)).toHaveLength(4);
    for (let n = 0; n < 2; n += 1) expect((await confirm()).__typename).toBe('Internship');
    expect((await confirm()).rules).toEqual(['R6']);

    // R2: SBB revokes the accreditation; the open proposals are withdrawn, their seats free. The
    // reservations never counted (they stay as the link that tells her school); the internships do.
    const [{ id: accreditationId }] = await t.dataSource.query('SELECT id FROM accreditations WHERE branch_id = $1', [company.branchId]);
    dataOf(await t.gql('mutation($input: RevokeAccreditationInput!) { revokeAccreditation(input: $input) { status } }', { input: { id: accreditationId, reason: 'Discriminatie vastgesteld na onderzoek' } }, sbb.token));
    expect(await t.count(`proposals WHERE placement_id = '${placementId}' AND status = 'WITHDRAWN'`)).toBe(3);
    const left = await running(company.trainerId);
    expect(left.filter((assignment: any) => assignment.internshipId)).toHaveLength(3);
    expect(left.filter((assignment: any) => !assignment.internshipId)).toHaveLength(3);
  });

  it('a matched internship adopts the praktijkopleider the company reserved for the proposed student; the POK names her', async () => {
    const [school, company] = await Promise.all([make.school(), make.company()]);
    const admin = company.admin.token;
    const placementId = await make.publishedPlacement(company, { capacity: 1 });
    const other = dataOf(
      await t.gql('mutation($input: CreateTrainerInput!) { createTrainer(input: $input) { id } }', {
        input: { name: 'Ruud Hendriks', qualificationLevel: 4, yearsOfExperience: 8, courseCompletedOn: '2025-01-15' },
      }, admin),
    ).createTrainer.id;
    const { student, proposalId } = await make.proposal(school, placementId);
    // The proposal's notifications: her school reads her name, the company her pseudonym (R20); both link to it.
    const made = async (token: string) => {
      let found: any;
      await eventually(async () => (found = dataOf(await t.gql(NOTIFICATIONS, {}, token)).notifications.edges.map((edge: any) => edge.node).find((n: any) => n.subjectId === proposalId && n.eventType === 'PROPOSAL_MADE')));
      return found;
    };
    const [toSchool, toCompany] = [await made(school.staff.token), await made(admin)];
    expect(toSchool).toMatchObject({ subjectKind: 'Proposal', subjectId: proposalId });
    expect(toSchool.body).toContain(student.identity.fullName);
    expect(toSchool.body).toContain(`/proposals/${proposalId}`);
    expect(toCompany.body).not.toContain(student.identity.fullName);
    expect(toCompany.body).toContain('Kandidaat');
    const ASSIGN = 'mutation($input: AssignTrainerInput!) { assignTrainer(input: $input) { __typename } }';
    expect(dataOf(await t.gql(ASSIGN, { input: { placementId, studentId: student.id, trainerId: other } }, admin)).assignTrainer.__typename).toBe('TrainerAssignment');
    const ANSWER = 'mutation($id: ID!) { answerProposal(id: $id, input: { accept: true }) { status } }';
    dataOf(await t.gql(ANSWER, { id: proposalId }, admin));
    dataOf(await t.gql(ANSWER, { id: proposalId }, school.staff.token));
    const [internship] = dataOf(await t.gql('query { internships(first: 5) { edges { node { id pok { terms { praktijkopleider } } } } } }', {}, admin)).internships.edges.map((edge: any) => edge.node);
    expect(internship.pok.terms.praktijkopleider).toBe('Ruud Hendriks');
    // One assignment, hers, now the internship's; the placement's praktijkopleider got none.
    expect(dataOf(await t.gql(ASSIGNMENTS, { t: other }, admin)).trainerAssignments.edges.map((edge: any) => edge.node)).toEqual([
      { studentId: student.id, internshipId: internship.id, placementId },
    ]);
    expect(dataOf(await t.gql(ASSIGNMENTS, { t: company.trainerId }, admin)).trainerAssignments.totalCount).toBe(0);
  });

  it('tells each side what it can act on, with a link and the item it is about: the request to the company, the answer and her name to her school, the POK to sign to each side that still has to', async () => {
    const inbox = async (token: string, subjectId: string) =>
      dataOf(await t.gql(NOTIFICATIONS, {}, token)).notifications.edges.map((edge: any) => edge.node).filter((node: any) => node.subjectId === subjectId);
    const until = async (read: () => Promise<any[]>, n: number): Promise<any[]> => {
      let rows: any[] = [];
      await eventually(async () => (rows = await read()).length >= n);
      return rows;
    };
    const { student, registrationId } = await make.registration(school, company);
    const name = student.identity.fullName;
    // The company is asked, with a link to the request; the e-mail does not name her.
    const [request] = await until(() => inbox(company.staff.token, registrationId), 1);
    expect(request).toMatchObject({ eventType: 'INTERNSHIP_REQUESTED', subjectKind: 'InternshipRegistration', subjectId: registrationId });
    expect(request.body).toContain(`/internship-registrations/${registrationId}`);
    expect(request.title + request.body).not.toContain(name);

    const internship = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    // Her school hears of the confirmation, naming its own student.
    const [confirmed] = await until(() => inbox(school.staff.token, registrationId), 1);
    expect(confirmed).toMatchObject({ eventType: 'INTERNSHIP_CONFIRMED', subjectKind: 'InternshipRegistration' });
    expect(confirmed.title).toContain(name);
    expect(confirmed.body).toContain(`/internships/${internship.id}`);
    // PLANNED: each side that has to sign the POK is told so, with a link to it.
    const [schoolPok] = await until(() => inbox(school.staff.token, internship.pok.id), 1);
    expect(schoolPok).toMatchObject({ eventType: 'POK_SIGNATURES_AWAITED', subjectKind: 'Pok', subjectId: internship.pok.id });
    expect(schoolPok.body).toContain(`/poks/${internship.pok.id}`);
    expect(schoolPok.body).toContain(name);
    expect(schoolPok.body).toMatch(/de student en de school|de student, de school/);
    const [companyPok] = await until(() => inbox(company.admin.token, internship.pok.id), 1);
    expect(companyPok.body).toContain(`/poks/${internship.pok.id}`);
    expect(companyPok.body).toContain('leerbedrijf');
    expect(companyPok.body).not.toContain(name);
    await terminate(internship.id);

    // A decline reaches her school with the reason code.
    const other = await make.registration(school, company);
    dataOf(await t.gql(DECLINE, { id: other.registrationId, input: { reason: 'TRAINER_UNAVAILABLE' } }, company.admin.token));
    const [declined] = await until(() => inbox(school.staff.token, other.registrationId), 1);
    expect(declined).toMatchObject({ eventType: 'INTERNSHIP_DECLINED', subjectKind: 'InternshipRegistration' });
    expect(declined.body).toContain('TRAINER_UNAVAILABLE');
    expect(declined.title).toContain(other.student.identity.fullName);

    // Withdrawn by the school: the company is told (and not the school, which did it).
    const withdrawn = await make.registration(school, company);
    dataOf(await t.gql(WITHDRAW, { id: withdrawn.registrationId }, school.staff.token));
    const told = await until(async () => (await inbox(company.staff.token, withdrawn.registrationId)).filter((n: any) => n.eventType === 'INTERNSHIP_REQUEST_WITHDRAWN'), 1);
    expect(told[0].title + told[0].body).not.toContain(withdrawn.student.identity.fullName);
    expect((await inbox(school.staff.token, withdrawn.registrationId)).filter((n: any) => n.eventType === 'INTERNSHIP_REQUEST_WITHDRAWN')).toEqual([]);
  });

  /** Ends an internship so that the next test finds the praktijkopleider's load as it was. */
  async function terminate(id: string): Promise<void> {
    expect(dataOf(await t.gql(TERMINATE, { id, input: { code: 'OTHER', reason: 'Test ruimt op' } }, school.staff.token)).terminateInternship.status).toBe('TERMINATED');
  }
});
