import { AgreementsService } from '../src/modules/agreements/agreements.service';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const FIELDS = 'id version status startDate endDate schoolSignedAt companySignedAt';
const CREATE = `mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { ${FIELDS} } }`;
const PROPOSE = `mutation($id: ID!) { proposeAgreement(id: $id) { ${FIELDS} } }`;
const SIGN = `mutation($id: ID!) { signAgreement(id: $id) { ${FIELDS} schoolSignedByUserId companySignedByUserId } }`;
const AMEND = `mutation($id: ID!, $input: AgreementTermsInput!) { amendAgreement(id: $id, input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!) { agreement(id: $id) { ${FIELDS} versions { version status } commitments { schoolYear crebo places }
  fulfilment { schoolYear crebo leerweg committed offered started completed } } }`;

describe('school–company agreements', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;
  /** A placement of the company's (capacity 2, crebo 25655, BOL, from 1 February 2027): what it offers. */
  let placementId: string;
  let otherSchool: MadeSchool;
  let otherCompany: MadeCompany;
  let sbb: SignedIn;
  let companyId: string;
  const terms = (change: Record<string, unknown> = {}) => ({
    firstSchoolYear: 2026,
    years: 1,
    commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 4 }],
    contactsPerPeriod: 3,
    trainerTraining: true,
    minimumStipendMonthlyCents: 40000,
    blindMatching: true,
    ...change,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, company, otherSchool, otherCompany, sbb] = await Promise.all([make.school(), make.company(), make.school(), make.company(), make.sbb()]);
    companyId = company.id;
    placementId = await make.publishedPlacement(company);
  });
  afterAll(() => t.stop());

  it('lives its whole life: draft, propose, both sign, active, amend, sign again, fulfilment from real internships, expiry reminder once', async () => {
    const schoolAdmin = school.admin.token;
    const companyAdmin = company.admin.token;
    const draft = dataOf(await t.gql(CREATE, { input: { ...terms(), counterpartyId: companyId } }, schoolAdmin)).createAgreement;
    expect(draft).toMatchObject({ version: 1, status: 'DRAFT', startDate: '2026-08-01', endDate: '2027-07-31' });
    expect(dataOf(await t.gql(PROPOSE, { id: draft.id }, schoolAdmin)).proposeAgreement.status).toBe('PROPOSED');

    expect(onlyError(await t.gql(SIGN, { id: draft.id }, school.staff.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(SIGN, { id: draft.id }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    const halfSigned = dataOf(await t.gql(SIGN, { id: draft.id }, schoolAdmin)).signAgreement;
    expect(halfSigned).toMatchObject({ status: 'PROPOSED', companySignedAt: null });
    expect(halfSigned.schoolSignedByUserId).toBeTruthy();
    expect(onlyError(await t.gql(SIGN, { id: draft.id }, schoolAdmin)).extensions.code).toBe('CONFLICT');
    // The term began on 1 August 2026, so both signatures make it ACTIVE at once.
    expect(dataOf(await t.gql(SIGN, { id: draft.id }, companyAdmin)).signAgreement.status).toBe('ACTIVE');

    const amendment = dataOf(
      await t.gql(AMEND, { id: draft.id, input: terms({ commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 6 }] }) }, companyAdmin),
    ).amendAgreement;
    expect(amendment).toMatchObject({ version: 2, status: 'DRAFT' });
    dataOf(await t.gql(PROPOSE, { id: amendment.id }, companyAdmin));
    dataOf(await t.gql(SIGN, { id: amendment.id }, companyAdmin));
    expect(dataOf(await t.gql(SIGN, { id: amendment.id }, schoolAdmin)).signAgreement.status).toBe('ACTIVE');
    expect(onlyError(await t.gql(SIGN, { id: draft.id }, schoolAdmin)).extensions.code).toBe('CONFLICT');

    // A real internship: a student of the school matched there, both accept, the POK is signed and it starts.
    const { internshipId } = await make.internship(school, company, placementId);
    const pok = dataOf(await t.gql('query { internships { edges { node { id pok { id } } } } }', {}, companyAdmin)).internships.edges.find(
      (edge: any) => edge.node.id === internshipId,
    ).node.pok.id;
    const sign = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(sign, { id: pok, party }, schoolAdmin));
    dataOf(await t.gql(sign, { id: pok, party: 'COMPANY' }, companyAdmin));
    dataOf(await t.gql('mutation($id: ID!) { startInternship(id: $id) { status } }', { id: internshipId }, companyAdmin));

    const current = dataOf(await t.gql(READ, { id: amendment.id }, sbb.token)).agreement;
    expect(current.versions).toEqual([
      { version: 1, status: 'SUPERSEDED' },
      { version: 2, status: 'ACTIVE' },
    ]);
    const [row] = current.fulfilment;
    expect(row).toEqual({ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', committed: 6, offered: 2, started: 1, completed: 0 });

    const agreements = t.app.get(AgreementsService);
    await agreements.daily('2027-05-15'); // 77 days before the end: the 90-day reminder
    await agreements.daily('2027-05-16');
    const expiring = async () =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType } } } }', {}, schoolAdmin)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'AGREEMENT_EXPIRING',
      ).length;
    await eventually(async () => (await expiring()) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await expiring()).toBe(1);
  });

  it.each([
    ['a term of five school years', { years: 5 }, 'input.years'],
    ['zero committed places', { commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 0 }] }, 'input.commitments.0.places'],
    ['a commitment outside the term', { commitments: [{ schoolYear: 2030, crebo: '25655', leerweg: 'BOL', places: 2 }] }, 'input.commitments.0.schoolYear'],
    ['a stipend policy below the norm (R15)', { minimumStipendMonthlyCents: 39999 }, 'input.minimumStipendMonthlyCents'],
    ['two contacts per period (R17)', { contactsPerPeriod: 2 }, 'input.contactsPerPeriod'],
  ])('refuses %s and stores nothing', async (_name, change, path) => {
    const before = await t.count('agreements');
    const error = onlyError(await t.gql(CREATE, { input: { ...terms(change), counterpartyId: companyId } }, school.admin.token));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields![0].path).toBe(path);
    expect(await t.count('agreements')).toBe(before);
  });

  it("keeps an agreement from other schools and companies; SBB reads it", async () => {
    const id = dataOf(await t.gql(CREATE, { input: { ...terms(), counterpartyId: companyId } }, school.admin.token)).createAgreement.id;
    expect(onlyError(await t.gql(READ, { id }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(READ, { id }, otherCompany.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(READ, { id }, sbb.token)).agreement.id).toBe(id);
  });

  it('flags fewer places offered than committed after the fulfilment date, and tells both parties once', async () => {
    const schoolAdmin = school.admin.token;
    const companyAdmin = company.admin.token;
    const input = { ...terms({ commitments: [{ schoolYear: 2026, crebo: '25180', leerweg: 'BOL', places: 2 }] }), counterpartyId: companyId };
    const { id } = dataOf(await t.gql(CREATE, { input }, schoolAdmin)).createAgreement;
    dataOf(await t.gql(PROPOSE, { id }, schoolAdmin));
    dataOf(await t.gql(SIGN, { id }, schoolAdmin));
    dataOf(await t.gql(SIGN, { id }, companyAdmin));
    const fulfilment = 'query($id: ID!) { agreement(id: $id) { fulfilment { crebo committed offered dueOn underFulfilled } } }';
    expect(dataOf(await t.gql(fulfilment, { id }, companyAdmin)).agreement.fulfilment).toEqual([
      { crebo: '25180', committed: 2, offered: 0, dueOn: '2027-03-01', underFulfilled: false },
    ]);

    const agreements = t.app.get(AgreementsService);
    await agreements.daily('2027-02-28');
    await agreements.daily('2027-03-01');
    await agreements.daily('2027-03-02');
    const flagged = async (token: string) =>
      dataOf(await t.gql('{ notifications(first: 100) { edges { node { eventType title } } } }', {}, token)).notifications.edges.filter(
        (edge: any) => edge.node.eventType === 'AGREEMENT_UNDER_FULFILLED' && edge.node.title.includes('25180'),
      ).length;
    await eventually(async () => (await flagged(companyAdmin)) >= 1 && (await flagged(schoolAdmin)) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([await flagged(companyAdmin), await flagged(schoolAdmin)]).toEqual([1, 1]);
  });
});
