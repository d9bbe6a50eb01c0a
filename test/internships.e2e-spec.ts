import { GuidanceService } from '../src/modules/internships/guidance.service';
import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status signatures { party } } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status startedAt } }';
const POK = `query { internships(first: 100) { edges { node { id status pok { id version status guardianRequired terms {
  school company branch student crebo level leerweg startDate endDate hoursPerWeek totalHours praktijkopleider werkprocessen stipendMonthlyCents employmentContract assessment guidanceFrequency terminationClause } } } } } }`;

describe('internships: the praktijkovereenkomst (R8)', () => {
  let t: TestApp;
  const clock = new TestClock();
  let make: Factories;
  let theSchool: MadeSchool;
  let theCompany: MadeCompany;
  let otherSchool: MadeSchool;
  /** The company's one placement, 1 February to 30 June 2027, two seats: Mila's and Ruben's. */
  let placementId: string;
  const mila = { internshipId: '', studentId: '' };
  const ruben = { internshipId: '', studentId: '' };
  const placeStudent = async (identity: { fullName: string; dateOfBirth: string; email: string }) => {
    const made = await make.internship(theSchool, theCompany, placementId, { identity });
    return { internshipId: made.internshipId, studentId: made.student.id };
  };

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [theSchool, theCompany, otherSchool] = await Promise.all([make.school(), make.company(), make.school()]);
    placementId = await make.publishedPlacement(theCompany, { startDate: '2027-02-01', endDate: '2027-06-30', capacity: 2 });
  });
  afterAll(() => t.stop());

  it('cannot start the internship of a 17-year-old until her guardian has signed the POK', async () => {
    const school = theSchool.admin.token;
    const company = theCompany.admin.token;
    Object.assign(mila, await placeStudent({ fullName: 'Mila de Boer', dateOfBirth: '2009-06-01', email: 'mila@student.test' }));
    const internshipId = mila.internshipId;
    const internship = dataOf(await t.gql(POK, {}, company)).internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === internshipId);
    expect(internship).toMatchObject({ status: 'PLANNED', pok: { version: 1, status: 'PENDING', guardianRequired: true } });
    // R8: every field the agreement must state is there.
    const terms = internship.pok.terms;
    expect(terms).toMatchObject({ student: 'Mila de Boer', school: theSchool.name, company: theCompany.name, crebo: '25655', level: 3, leerweg: 'BOL', startDate: '2027-02-01', endDate: '2027-06-30' });
    for (const field of ['branch', 'endDate', 'praktijkopleider', 'assessment', 'guidanceFrequency', 'terminationClause']) expect(terms[field]).toBeTruthy();
    expect(terms.totalHours).toBeGreaterThan(terms.hoursPerWeek);
    expect(terms.werkprocessen.length).toBeGreaterThan(0);
    // The pay it states is the placement's; a BOL student has no employment contract (R14 is for BBL).
    expect(terms).toMatchObject({ stipendMonthlyCents: expect.any(Number), employmentContract: false });

    const pok = internship.pok.id;
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'GUARDIAN' }, company)).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await t.gql(SIGN, { id: pok, party: 'COMPANY' }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
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
    Object.assign(ruben, await placeStudent({ fullName: 'Ruben Claes', dateOfBirth: '2009-01-31', email: 'ruben@student.test' }));
    const internshipId = ruben.internshipId;
    const internship = dataOf(await t.gql(POK, {}, theSchool.admin.token)).internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === internshipId);
    expect(internship.pok.guardianRequired).toBe(false);
    expect(onlyError(await t.gql(SIGN, { id: internship.pok.id, party: 'GUARDIAN' }, theSchool.admin.token)).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('logs guidance contacts (R17): an ended internship with two contacts shows a finding in the compliance report, one with three (one on site) does not', async () => {
    const school = theSchool.admin.token;
    const company = theCompany.admin.token;
    const all = dataOf(await t.gql(POK, {}, company)).internships.edges.map((edge: any) => edge.node);
    expect(all.map((node: any) => node.id).sort()).toEqual([mila.internshipId, ruben.internshipId].sort());
    const rubens = all.find((node: any) => node.id === ruben.internshipId);
    expect(rubens.status).toBe('PLANNED');
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: rubens.pok.id, party }, school));
    dataOf(await t.gql(SIGN, { id: rubens.pok.id, party: 'COMPANY' }, company));
    dataOf(await t.gql(START, { id: ruben.internshipId }, company));
    // Both periods are over: the clock stands in July 2027, after their 30 June end.
    clock.set('2027-07-10T10:00:00+02:00');

    // Past the midpoint with no contact logged: both parties hear it, once.
    const guidance = t.app.get(GuidanceService);
    await guidance.alertAtMidpoint('2027-04-20');
    await guidance.alertAtMidpoint('2027-04-21');
    const alerts = async () =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType } } } }', {}, company)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'GUIDANCE_BEHIND',
      ).length;
    await eventually(async () => (await alerts()) === 2);

    const LOG = 'mutation($id: ID!, $input: LogContactMomentInput!) { logContactMoment(internshipId: $id, input: $input) { id date onSite } }';
    const contact = (date: string, onSite = false) => ({ date, type: 'PROGRESS', onSite, participants: ['STUDENT', 'SCHOOL', 'COMPANY'] });
    const milaId = mila.internshipId;
    expect(onlyError(await t.gql(LOG, { id: milaId, input: contact('2027-07-11') }, school)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.date', message: expect.stringContaining('toekomst') }),
    ]);
    expect(onlyError(await t.gql(LOG, { id: milaId, input: contact('2027-07-01') }, school)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.date', message: expect.stringContaining('2027-02-01 tot en met 2027-06-30') }),
    ]);
    expect(onlyError(await t.gql(LOG, { id: milaId, input: contact('2027-03-01') }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    for (const input of [contact('2027-02-10', true), contact('2027-04-14')]) dataOf(await t.gql(LOG, { id: milaId, input }, school));
    for (const input of [contact('2027-02-10'), contact('2027-04-14', true), contact('2027-06-20')]) dataOf(await t.gql(LOG, { id: ruben.internshipId, input }, company));

    const report = dataOf(
      await t.gql('{ companyCompliance { guidanceFindings { internshipId findings { rule field message } } overview { guidance { endedInternships withFindings tooFewContacts noOnSiteContact } } } }', {}, company),
    ).companyCompliance;
    expect(report.guidanceFindings).toEqual([{ internshipId: milaId, findings: [expect.objectContaining({ rule: 'R17', field: 'contactMoments' })] }]);
    expect(report.overview.guidance).toEqual({ endedInternships: 2, withFindings: 1, tooFewContacts: 1, noOnSiteContact: 0 });
  });

  it('closes an internship only with the end evaluations of student, praktijkopleider and school (R18, R19); an early end frees the seat and gives the student priority', async () => {
    const school = theSchool.admin.token;
    const company = theCompany.admin.token;
    const milaId = mila.internshipId;
    const COMPLETE = 'mutation($id: ID!) { completeInternship(id: $id) { status endedAt } }';
    const EVALUATE = 'mutation($id: ID!, $input: EvaluationInput!) { recordEvaluation(internshipId: $id, input: $input) { evaluator rating } }';
    const evaluation = (evaluator: string, rating = 8) => ({ evaluator, rating, satisfiedWithSchoolGuidance: true, satisfiedWithCompanyGuidance: true });

    const refused = onlyError(await t.gql(COMPLETE, { id: milaId }, company));
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toContain('STUDENT, TRAINER, SCHOOL');
    expect(onlyError(await t.gql(EVALUATE, { id: milaId, input: evaluation('STUDENT') }, company)).extensions.code).toBe('BAD_USER_INPUT');
    expect(onlyError(await t.gql(EVALUATE, { id: milaId, input: evaluation('SCHOOL', 11) }, school)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.rating', rule: 'R19' }),
    ]);
    for (const evaluator of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(EVALUATE, { id: milaId, input: evaluation(evaluator) }, school));
    expect(onlyError(await t.gql(COMPLETE, { id: milaId }, company)).message).toContain('TRAINER');
    dataOf(await t.gql(EVALUATE, { id: milaId, input: evaluation('TRAINER', 7) }, company));
    // Issue #17: also the assessment per werkproces, confirmed by the school, and the hours (or why they fall short).
    const noAssessment = onlyError(await t.gql(COMPLETE, { id: milaId }, company));
    expect(noAssessment.extensions.code).toBe('CONFLICT');
    expect(noAssessment.message).toContain('beoordeling is niet vastgesteld');
    const grades = { werkprocessen: [{ werkproces: 'zorgplan uitvoeren', grade: 'GOED', comment: 'Zorgplannen zelfstandig uitgevoerd' }] };
    dataOf(await t.gql('mutation($id: ID!, $input: RecordAssessmentInput!) { recordAssessment(internshipId: $id, input: $input) { status } }', { id: milaId, input: grades }, company));
    dataOf(await t.gql('mutation($id: ID!) { confirmAssessment(internshipId: $id) { status } }', { id: milaId }, school));
    expect(onlyError(await t.gql(COMPLETE, { id: milaId }, company)).extensions.fields).toEqual([expect.objectContaining({ path: 'input.hoursShortfallReason', rule: 'R10' })]);
    const COMPLETE_WITH = 'mutation($id: ID!, $input: CompleteInternshipInput) { completeInternship(id: $id, input: $input) { status endedAt hoursShortfallReason } }';
    const done = dataOf(await t.gql(COMPLETE_WITH, { id: milaId, input: { hoursShortfallReason: 'Mila heeft geen eigen account; haar uren zijn op papier bijgehouden' } }, company)).completeInternship;
    expect(done).toMatchObject({ status: 'COMPLETED', hoursShortfallReason: 'Mila heeft geen eigen account; haar uren zijn op papier bijgehouden' });

    const TERMINATE = 'mutation($id: ID!, $input: TerminateInternshipInput!) { terminateInternship(id: $id, input: $input) { status terminationReason } }';
    expect(dataOf(await t.gql(TERMINATE, { id: ruben.internshipId, input: { code: 'COMPANY_STOPPED', reason: 'Het bedrijf sluit de afdeling' } }, company)).terminateInternship).toEqual({
      status: 'TERMINATED',
      terminationReason: 'Het bedrijf sluit de afdeling',
    });
    const [{ rematch_priority }] = await t.dataSource.query('SELECT rematch_priority FROM students WHERE id = $1', [ruben.studentId]);
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
