import { placeStudent } from './support/placement-flow';
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
  });

  it('needs no guardian for a student of 18 on the start date', async () => {
    const internshipId = await placeStudent(t, { fullName: 'Ruben Claes', dateOfBirth: '2009-01-31', email: 'ruben@student.test' });
    const internship = dataOf(await t.gql(POK, {}, await t.as('schoolAdmin'))).internships.edges.map((edge: any) => edge.node).find((node: any) => node.id === internshipId);
    expect(internship.pok.guardianRequired).toBe(false);
    expect(onlyError(await t.gql(SIGN, { id: internship.pok.id, party: 'GUARDIAN' }, await t.as('schoolAdmin'))).extensions.code).toBe('BAD_USER_INPUT');
  });
});
