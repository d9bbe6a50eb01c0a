import { GuidanceService } from '../src/modules/internships/guidance.service';
import { placeStudent } from './support/placement-flow';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status signatures { party } } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status startedAt } }';
const POK = `query { internships(first: 100) { edges { node { id status pok { id version status guardianRequired terms {
  school company branch student crebo level leerweg startDate endDate hoursPerWeek totalHours praktijkopleider werkprocessen assessment guidanceFrequency terminationClause } } } } } }`;

describe('internships: the praktijkovereenkomst (R8)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.stop());

  it('cannot start the internship of a 17-year-old until her guardian has signed the POK', async () => {
    const school = await t.as('schoolAdmin');
    const company = await t.as('companyAdmin');
    const internshipId = await placeStudent(t, { fullName: 'Mila de Boer', dateOfBirth: '2009-06-01', email: 'mila@student.test' });
    const internship = dataOf(await t.gql(POK, {}, company)).internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === internshipId);
    expect(internship).toMatchObject({ status: 'PLANNED', pok: { version: 1, status: 'PENDING', guardianRequired: true } });
    // R8: every field the agreement must state is there.
    const terms = internship.pok.terms;
    expect(terms).toMatchObject({ student: 'Mila de Boer', company: 'Zorggroep Domstad', crebo: '25655', level: 3, leerweg: 'BOL', startDate: '2027-02-01' });
    for (const field of ['school', 'branch', 'endDate', 'praktijkopleider', 'assessment', 'guidanceFrequency', 'terminationClause']) expect(terms[field]).toBeTruthy();
    expect(terms.totalHours).toBeGreaterThan(terms.hoursPerWeek);
    expect(terms.werkprocessen.length).toBeGreaterThan(0);

    const pok = internship.pok.id;
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'GUARDIAN' }, company)).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'COMPANY' }, await t.as('otherSchoolAdmin'))).extensions.code).toBe('NOT_FOUND');
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: pok, party }, school));
    expect(dataOf(await t.gql(SIGN, { id: pok, party: 'COMPANY' }, company)).signPok.status).toBe('PENDING');
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'COMPANY' }, company)).extensions.code).toBe('CONFLICT');

    const refused = onlyError(await t.gql(START, { id: internshipId }, company));
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toContain('GUARDIAN');

    expect(dataOf(await t.gql(SIGN, { id: pok, party: 'GUARDIAN' }, school)).signPok.status).toBe('SIGNED');
    expect(dataOf(await t.gql(START, { id: internshipId }, company)).startInternship).toMatchObject({ status: 'ACTIVE' });
    expect(onlyError(await t.gql(START, { id: internshipId }, company)).extensions.code).toBe('CONFLICT');

    // R9: a change of terms is a new version, signed again by everyone; the old one is then superseded.
    const AMEND = 'mutation($id: ID!, $input: AmendPokInput!) { amendPok(internshipId: $id, input: $input) { id version status terms { hoursPerWeek totalHours } } }';
    const amended = dataOf(await t.gql(AMEND, { id: internshipId, input: { hoursPerWeek: 24 } }, company)).amendPok;
    expect(amended).toMatchObject({ version: 2, status: 'PENDING', terms: { hoursPerWeek: 24 } });
    expect(amended.terms.totalHours).toBeLessThan(terms.totalHours);
    for (const party of ['STUDENT', 'SCHOOL', 'GUARDIAN']) dataOf(await t.gql(SIGN, { id: amended.id, party }, school));
    expect(dataOf(await t.gql(SIGN, { id: amended.id, party: 'COMPANY' }, company)).signPok.status).toBe('SIGNED');
    const history = await t.dataSource.query('SELECT version, status FROM poks WHERE internship_id = $1 ORDER BY version', [internshipId]);
    expect(history).toEqual([
      { version: 1, status: 'SUPERSEDED' },
      { version: 2, status: 'SIGNED' },
    ]);
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'COMPANY' }, company)).extensions.code).toBe('CONFLICT');
  });

  it('needs no guardian for a student of 18 on the start date', async () => {
    const internshipId = await placeStudent(t, { fullName: 'Ruben Claes', dateOfBirth: '2009-01-31', email: 'ruben@student.test' });
    const internship = dataOf(await t.gql(POK, {}, await t.as('schoolAdmin'))).internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === internshipId);
    expect(internship.pok.guardianRequired).toBe(false);
    expect(onlyError(await t.gql(SIGN, { id: internship.pok.id, party: 'GUARDIAN' }, await t.as('schoolAdmin'))).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('logs guidance contacts (R17): an ended internship with two contacts shows a finding in the compliance report, one with three (one on site) does not', async () => {
    const school = await t.as('schoolAdmin');
    const company = await t.as('companyAdmin');
    const all = dataOf(await t.gql(POK, {}, company)).internships.edges.map((edge: any) => edge.node);
    const ruben = all.find((node: any) => node.status === 'PLANNED');
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: ruben.pok.id, party }, school));
    dataOf(await t.gql(SIGN, { id: ruben.pok.id, party: 'COMPANY' }, company));
    dataOf(await t.gql(START, { id: ruben.id }, company));
    const [mila] = all.filter((node: any) => node.id !== ruben.id);
    // Both periods are over: they ran in the spring of 2026.
    await t.dataSource.query(`UPDATE internships SET start_date = '2026-02-02', end_date = '2026-06-26' WHERE id = ANY($1)`, [[mila.id, ruben.id]]);

    // Past the midpoint with no contact logged: both parties hear it, once.
    const guidance = t.app.get(GuidanceService);
    await guidance.alertAtMidpoint('2026-04-20');
    await guidance.alertAtMidpoint('2026-04-21');
    const alerts = async () =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType } } } }', {}, company)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'GUIDANCE_BEHIND',
      ).length;
    await eventually(async () => (await alerts()) === 2);

    const LOG = 'mutation($id: ID!, $input: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $input) { id date onSite } }';
    const contact = (date: string, onSite = false) => ({ date, type: 'PROGRESS', onSite, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] });
    expect(onlyError(await t.gql(LOG, { id: mila.id, input: contact('2027-01-01') }, school)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.date' })]);
    expect(onlyError(await t.gql(LOG, { id: mila.id, input: contact('2026-07-01') }, school)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.date' })]);
    expect(onlyError(await t.gql(LOG, { id: mila.id, input: contact('2026-03-01') }, await t.as('otherSchoolAdmin'))).extensions.code).toBe('NOT_FOUND');
    for (const input of [contact('2026-02-10', true), contact('2026-04-14')]) dataOf(await t.gql(LOG, { id: mila.id, input }, school));
    for (const input of [contact('2026-02-10'), contact('2026-04-14', true), contact('2026-06-20')]) dataOf(await t.gql(LOG, { id: ruben.id, input }, company));

    const report = dataOf(
      await t.gql('{ companyCompliance { guidanceFindings { internshipId findings { rule field message } } overview { guidance { endedInternships withFindings tooFewContacts noOnSiteContact } } } }', {}, company),
    ).companyCompliance;
    expect(report.guidanceFindings).toEqual([{ internshipId: mila.id, findings: [expect.objectContaining({ rule: 'R17', field: 'contactMoments' })] }]);
    expect(report.overview.guidance).toEqual({ endedInternships: 2, withFindings: 1, tooFewContacts: 1, noOnSiteContact: 0 });
  });

  it('closes an internship only with the end evaluations of student, praktijkopleider and school (R18, R19); an early end frees the seat and gives the student priority', async () => {
    const school = await t.as('schoolAdmin');
    const company = await t.as('companyAdmin');
    const [mila, ruben] = await t.dataSource.query<{ id: string; student_id: string }[]>(
      `SELECT i.id, i.student_id FROM internships i JOIN student_identities s ON s.student_id = i.student_id ORDER BY s.full_name`,
    );
    const COMPLETE = 'mutation($id: ID!) { completeInternship(id: $id) { status endedAt } }';
    const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator rating } }';
    const evaluation = (evaluator: string, rating = 8) => ({ evaluator, rating, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });

    const refused = onlyError(await t.gql(COMPLETE, { id: mila.id }, company));
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toContain('STUDENT, TRAINER, SCHOOL');
    expect(onlyError(await t.gql(EVALUATE, { id: mila.id, input: evaluation('STUDENT') }, company)).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await t.gql(EVALUATE, { id: mila.id, input: evaluation('SCHOOL', 11) }, school)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.rating', rule: 'R19' }),
    ]);
    for (const evaluator of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(EVALUATE, { id: mila.id, input: evaluation(evaluator) }, school));
    expect(onlyError(await t.gql(COMPLETE, { id: mila.id }, company)).message).toContain('TRAINER');
    dataOf(await t.gql(EVALUATE, { id: mila.id, input: evaluation('TRAINER', 7) }, company));
    expect(dataOf(await t.gql(COMPLETE, { id: mila.id }, company)).completeInternship.status).toBe('COMPLETED');

    const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status terminationReason } }';
    expect(dataOf(await t.gql(TERMINATE, { id: ruben.id, input: { reason: 'Het bedrijf sluit de afdeling' } }, company)).terminateInternship).toEqual({
      status: 'TERMINATED',
      terminationReason: 'Het bedrijf sluit de afdeling',
    });
    const [{ rematch_priority }] = await t.dataSource.query('SELECT rematch_priority FROM students WHERE id = $1', [ruben.student_id]);
    expect(rematch_priority).toBe(true);
    await eventually(async () =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType } } } }', {}, school)).notifications.edges.some(
        (edge: any) => edge.node.eventType === 'INTERNSHIP_TERMINATED',
      ),
    );
    const counts = dataOf(await t.gql('{ companyCompliance { overview { internships { current completed terminated } } } }', {}, company)).companyCompliance.overview.internships;
    expect(counts).toEqual({ current: 0, completed: 1, terminated: 1 });
  });
});
