import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

/**
 * Issue #16: a self-found internship (no placement, recorded on the branch) counts wherever a
 * matched one does: the students-without-placement dashboard, the compliance overview (its
 * internships, their guidance and their praktijkopleiders' load, R6/R17), and an agreement's
 * fulfilment. (The adverse-impact audit, R23, and the terminations report are shown in
 * self-found-internships and internship-completion.)
 */
const CONFIRM = 'mutation($id: ID!) { confirmInternship(id: $id) { __typename ... on Internship { id pok { id } } } }';
const SIGN = 'mutation($id: ID!, $party: PokParty!) { signPok(id: $id, party: $party) { status } }';
const START = 'mutation($id: ID!) { startInternship(id: $id) { status } }';
const UNPLACED = 'query { studentsWithoutPlacement(weeks: 52, first: 100) { total students { edges { node { studentId } } } } }';
const OVERVIEW = `query($filter: ComplianceOverviewFilter) { complianceOverview(filter: $filter) {
  placements trainerLoad { students trainers } internships { current completed terminated } } }`;
const CREATE_AGREEMENT = 'mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }';
const PROPOSE = 'mutation($id: ID!) { proposeAgreement(id: $id) { status } }';
const SIGN_AGREEMENT = 'mutation($id: ID!) { signAgreement(id: $id) { status } }';
const FULFILMENT = 'query($id: ID!) { agreement(id: $id) { fulfilment { schoolYear crebo leerweg committed started completed terminated } } }';

describe('self-found internships in the reports (issue #16)', () => {
  let t: TestApp;
  const clock = new TestClock('2027-01-10T10:00:00+01:00');
  let make: Factories;
  let school: MadeSchool;
  let company: MadeCompany;
  let sbb: SignedIn;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    make = new Factories(t);
    [school, company, sbb] = await Promise.all([make.school(), make.company(), make.sbb()]);
  });
  afterAll(() => t.stop());

  /** A self-found internship at the company's branch (no placement), confirmed, signed and started. */
  async function activeSelfFound(): Promise<{ studentId: string; internshipId: string }> {
    const { student, registrationId } = await make.registration(school, company);
    const internship = dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token)).confirmInternship;
    for (const party of ['STUDENT', 'SCHOOL']) dataOf(await t.gql(SIGN, { id: internship.pok.id, party }, school.staff.token));
    dataOf(await t.gql(SIGN, { id: internship.pok.id, party: 'COMPANY' }, company.admin.token));
    dataOf(await t.gql(START, { id: internship.id }, company.admin.token));
    return { studentId: student.id, internshipId: internship.id };
  }

  it('the dashboard no longer lists a student placed in a self-found internship', async () => {
    const { student, registrationId } = await make.registration(school, company);
    const unplaced = async () => dataOf(await t.gql(UNPLACED, {}, school.staff.token)).studentsWithoutPlacement.students.edges.map((edge: any) => edge.node.studentId);
    expect(await unplaced()).toContain(student.id);
    dataOf(await t.gql(CONFIRM, { id: registrationId }, company.admin.token));
    expect(await unplaced()).not.toContain(student.id);
  });

  it("the place supply counts a seat a self-found internship takes at a placement as taken, and one recorded on the branch as none", async () => {
    const SUPPLY = 'query { placeSupply(filter: { crebo: "25655" }) { totals { openSeats } } }';
    const open = async () => dataOf(await t.gql(SUPPLY, {}, sbb.token)).placeSupply.totals.openSeats;
    // A company of its own, so that the other tests find no placement and a praktijkopleider with room.
    const own = await make.company();
    const placementId = await make.publishedPlacement(own, { capacity: 2 });
    const before = await open();
    const atPlacement = await make.registration(school, own, { placementId });
    dataOf(await t.gql(CONFIRM, { id: atPlacement.registrationId }, own.admin.token));
    expect(await open()).toBe(before - 1);
    const onBranch = await make.registration(school, own);
    dataOf(await t.gql(CONFIRM, { id: onBranch.registrationId }, own.admin.token));
    expect(await open()).toBe(before - 1);
  });

  it('the compliance overview counts self-found internships and their praktijkopleider, in and out of the filter', async () => {
    const filter = { companyId: company.id };
    const before = dataOf(await t.gql(OVERVIEW, { filter }, sbb.token)).complianceOverview;
    await activeSelfFound();
    // During the internship (1 February – 30 June 2027) her praktijkopleider counts her (R6).
    clock.set('2027-02-15T10:00:00+01:00');
    const after = dataOf(await t.gql(OVERVIEW, { filter }, sbb.token)).complianceOverview;
    // No placement of the company exists; the internships and the trainer are still there.
    expect(after.placements).toBe(0);
    expect(after.internships.current).toBe(before.internships.current + 1);
    expect(after.trainerLoad).toEqual([{ students: after.internships.current, trainers: 1 }]);
    // A filter the internship does not meet leaves it out: another crebo, or a start after it.
    expect(dataOf(await t.gql(OVERVIEW, { filter: { ...filter, crebo: '25604' } }, sbb.token)).complianceOverview.internships.current).toBe(0);
    expect(dataOf(await t.gql(OVERVIEW, { filter: { ...filter, from: '2027-03-01' } }, sbb.token)).complianceOverview.internships.current).toBe(0);
    expect(dataOf(await t.gql(OVERVIEW, { filter: { ...filter, region: 'Utrecht' } }, sbb.token)).complianceOverview.internships.current).toBe(after.internships.current);
    clock.set('2027-01-10T10:00:00+01:00');
  });

  it("an agreement's fulfilment counts the school's self-found internships at the company by their own crebo and leerweg", async () => {
    const input = {
      counterpartyId: company.id,
      firstSchoolYear: 2026,
      years: 1,
      commitments: [{ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', places: 2 }],
      contactsPerPeriod: 3,
      trainerTraining: true,
      minimumStipendMonthlyCents: 40000,
      blindMatching: true,
    };
    const { id } = dataOf(await t.gql(CREATE_AGREEMENT, { input }, school.admin.token)).createAgreement;
    dataOf(await t.gql(PROPOSE, { id }, school.admin.token));
    dataOf(await t.gql(SIGN_AGREEMENT, { id }, school.admin.token));
    expect(dataOf(await t.gql(SIGN_AGREEMENT, { id }, company.admin.token)).signAgreement.status).toBe('ACTIVE');
    const fulfilment = async () => dataOf(await t.gql(FULFILMENT, { id }, company.admin.token)).agreement.fulfilment[0];
    const before = await fulfilment();
    await activeSelfFound();
    expect(await fulfilment()).toEqual({ ...before, started: before.started + 1 });
    expect(before).toMatchObject({ schoolYear: 2026, crebo: '25655', leerweg: 'BOL', committed: 2 });
  });
});
