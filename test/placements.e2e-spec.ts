import { Factories, GRONINGEN, type MadeCompany, type MadeSchool } from './support/factories';
import { validPlacement } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id status } }';
const PUBLISH = `mutation($id: ID!) { publishPlacement(id: $id) {
  __typename ... on Placement { id status publishedAt } ... on ComplianceRejection { code rules findings { rule field message } } } }`;
const SEARCH = `query($filter: PlacementFilter, $first: Int) { placements(filter: $filter, first: $first) {
  totalCount edges { node { id title distanceKm branch { city pc4 } company { name } } } } }`;

describe('placements', () => {
  let t: TestApp;
  let make: Factories;
  /** The company whose placements the lifecycle tests create (in Utrecht, PC4 3511; the first search test's too). */
  let company: MadeCompany;
  let school: MadeSchool;
  /** A school user who may search and read published placements. */
  let schoolStaff: string;
  const input = () =>
    validPlacement(company.branchId, company.trainerId, { title: 'Verzorgende IG — nachtdienst', description: 'Stage in de nachtploeg', stipendMonthlyCents: 40000 });

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    company = await make.company();
    school = await make.school();
    schoolStaff = school.staff.token;
  });
  afterAll(() => t.stop());

  it('finds placements near Utrecht (3511, 10 km), nearest first, none from Groningen', async () => {
    // The first placements of this file's database: three in Utrecht, one in Zeist, one in Groningen.
    const utrecht: string[] = [];
    for (let i = 0; i < 3; i += 1) utrecht.push(await make.publishedPlacement(company));
    const zeist = await make.publishedPlacement(await make.company({ location: { street: 'Slotlaan', postcode: '3701 AA', city: 'Zeist' } }));
    const groningen = await make.publishedPlacement(await make.company({ location: GRONINGEN }));
    const { placements } = dataOf(await t.gql(SEARCH, { filter: { near: { postcode: '3511', radiusKm: 10 } }, first: 100 }, schoolStaff));
    const nodes = placements.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.id).sort()).toEqual([...utrecht, zeist].sort());
    expect(placements.totalCount).toBe(4);
    const distances = nodes.map((node: any) => node.distanceKm);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(10);
    expect(nodes.map((node: any) => node.branch.city)).toEqual(['Utrecht', 'Utrecht', 'Utrecht', 'Zeist']);
    expect(nodes.some((node: any) => node.branch.city === 'Groningen' || node.branch.pc4.startsWith('9'))).toBe(false);

    // Every page counts all hits: a short one, and the empty one past the end.
    const PAGE = `query($filter: PlacementFilter, $first: Int, $after: String) { placements(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { endCursor } edges { node { id } } } }`;
    const near = { near: { postcode: '3511', radiusKm: 10 } };
    const short = dataOf(await t.gql(PAGE, { filter: near, first: 2 }, schoolStaff)).placements;
    expect([short.edges.length, short.totalCount]).toEqual([2, nodes.length]);
    const all = dataOf(await t.gql(PAGE, { filter: near, first: 100 }, schoolStaff)).placements;
    const past = dataOf(await t.gql(PAGE, { filter: near, first: 2, after: all.pageInfo.endCursor }, schoolStaff)).placements;
    expect([past.edges.length, past.totalCount]).toEqual([0, nodes.length]);

    const wide = dataOf(await t.gql(SEARCH, { filter: { near: { postcode: '3511', radiusKm: 200 } }, first: 100 }, schoolStaff));
    expect(wide.placements.totalCount).toBe(5);
    expect(wide.placements.edges.at(-1).node).toMatchObject({ id: groningen, branch: { city: 'Groningen' } });
  });

  it('pages a search forward and back, in any order, through the same placements as one long page', async () => {
    const PAGES = `query($filter: PlacementFilter, $orderBy: PlacementOrder, $first: Int, $after: String, $last: Int, $before: String) {
      placements(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id title distanceKm } } } }`;
    const filter = { near: { postcode: '3511', radiusKm: 200 } };
    const titles = ['Bakker', 'administratief medewerker', 'Zorg', 'kok'];
    for (const title of titles) await make.publishedPlacement(company, { title });
    for (const orderBy of [undefined, { field: 'TITLE', direction: 'DESC' }, { field: 'DISTANCE', direction: 'DESC' }]) {
      const page = async (args: Record<string, unknown>) => dataOf(await t.gql(PAGES, { filter, orderBy, ...args }, schoolStaff)).placements;
      const whole = (await page({ first: 100 })).edges.map((edge: any) => edge.node);
      expect(whole.length).toBeGreaterThanOrEqual(9);
      const forward: any[] = [];
      for (let next = await page({ first: 2 }); ; next = await page({ first: 2, after: next.pageInfo.endCursor })) {
        forward.push(...next.edges.map((edge: any) => edge.node));
        if (!next.pageInfo.hasNextPage) break;
      }
      const backward: any[] = [];
      for (let previous = await page({ last: 3 }); ; previous = await page({ last: 3, before: previous.pageInfo.startCursor })) {
        backward.unshift(...previous.edges.map((edge: any) => edge.node));
        if (!previous.pageInfo.hasPreviousPage) break;
      }
      expect(forward).toEqual(whole);
      expect(backward).toEqual(whole);
      if (orderBy?.field === 'TITLE') {
        const ours = whole.map((node: any) => node.title).filter((title: string) => titles.includes(title));
        expect(ours).toEqual(['Zorg', 'kok', 'Bakker', 'administratief medewerker']);
      } else {
        const distances = whole.map((node: any) => node.distanceKm);
        expect(distances).toEqual([...distances].sort((a, b) => (orderBy ? b - a : a - b)));
      }
    }
  });

  it('filters by crebo, level, leerweg and start window', async () => {
    const token = schoolStaff;
    const ict = await make.company({ sector: 'ICT_CREATIEVE_INDUSTRIE', crebos: ['25604'] });
    const developer = await make.publishedPlacement(ict, { title: 'Software developer — backend', crebos: ['25604'], level: 4, werkprocessen: ['realiseren'] });
    // Same crebo and level, but starting in September; BBL and level 3 from the start window.
    await make.publishedPlacement(ict, { title: 'Applicatiebeheer', crebos: ['25604'], level: 4, startDate: '2027-09-01', endDate: '2028-01-31' });
    await make.publishedPlacement(ict, { title: 'Software developer — BBL', crebos: ['25604'], level: 4, leerweg: 'BBL', hoursPerWeek: 32 });
    await make.publishedPlacement(ict, { title: 'Software developer — niveau 3', crebos: ['25604'], level: 3 });
    const { placements } = dataOf(
      await t.gql(SEARCH, { filter: { crebo: '25604', level: 4, leerweg: 'BOL', startFrom: '2027-01-01', startTo: '2027-03-01' }, first: 100 }, token),
    );
    expect(placements.totalCount).toBe(1);
    expect(placements.edges.map((edge: any) => [edge.node.id, edge.node.title])).toEqual([[developer, 'Software developer — backend']]);
  });

  it('takes a placement from DRAFT to PUBLISHED; drafts stay invisible to others', async () => {
    const admin = company.admin.token;
    const draft = dataOf(await t.gql(CREATE, { input: input() }, admin)).createPlacement;
    expect(draft.status).toBe('DRAFT');
    const read = 'query($id: ID!) { placement(id: $id) { id status } }';
    expect(onlyError(await t.gql(read, { id: draft.id }, schoolStaff)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(PUBLISH, { id: draft.id }, admin)).publishPlacement.status).toBe('PUBLISHED');
    expect(dataOf(await t.gql(read, { id: draft.id }, schoolStaff)).placement.status).toBe('PUBLISHED');
    expect(onlyError(await t.gql(PUBLISH, { id: draft.id }, admin)).extensions.code).toBe('CONFLICT');
  });

  it('refuses publishing without a praktijkopleider with a ComplianceRejection naming R5 and the field', async () => {
    const admin = company.admin.token;
    const draft = dataOf(await t.gql(CREATE, { input: { ...input(), trainerId: null } }, admin)).createPlacement;
    const result = dataOf(await t.gql(PUBLISH, { id: draft.id }, admin)).publishPlacement;
    expect(result).toMatchObject({ __typename: 'ComplianceRejection', code: 'COMPLIANCE_REJECTED', rules: ['R5'] });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'R5', field: 'trainerId' })]);
    const read = 'query($id: ID!) { placement(id: $id) { status complianceStatus } }';
    expect(dataOf(await t.gql(read, { id: draft.id }, admin)).placement).toEqual({ status: 'DRAFT', complianceStatus: 'BLOCKED' });
  });

  it("does not let another company change, publish or see a company's draft", async () => {
    const draft = dataOf(await t.gql(CREATE, { input: input() }, company.admin.token)).createPlacement;
    const other = (await make.company({ sector: 'VOEDSEL_GROEN_GASTVRIJHEID' })).admin.token;
    expect(onlyError(await t.gql(PUBLISH, { id: draft.id }, other)).extensions.code).toBe('NOT_FOUND');
    const update = 'mutation($id: ID!) { updatePlacement(id: $id, input: { capacity: 9 }) { __typename } }';
    expect(onlyError(await t.gql(update, { id: draft.id }, other)).extensions.code).toBe('NOT_FOUND');
    const foreignBranch = onlyError(await t.gql(CREATE, { input: input() }, other));
    expect(foreignBranch.extensions.fields).toEqual([expect.objectContaining({ path: 'input.branchId' })]);
  });

  it.each([
    ['negative capacity', { capacity: -1 }, 'input.capacity'],
    ['negative stipend', { stipendMonthlyCents: -100 }, 'input.stipendMonthlyCents'],
    ['a 4-digit crebo', { crebos: ['2565'] }, 'input.crebos'],
    ['end before start', { endDate: '2027-01-31' }, 'input.endDate'],
    ['level 0', { level: 0 }, 'input.level'],
    ['an over-long title', { title: 'x'.repeat(201) }, 'input.title'],
  ])('refuses a placement with %s, naming the field, and writes nothing', async (_name, change, path) => {
    const before = await t.count('placements');
    const error = onlyError(await t.gql(CREATE, { input: { ...input(), ...change } }, company.admin.token));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields!.map((field) => field.path)).toEqual([path]);
    expect(await t.count('placements')).toBe(before);
  });

  it.each([
    [{ postcode: '3511', radiusKm: 0 }, 'filter.near.radiusKm'],
    [{ postcode: '3511', radiusKm: 201 }, 'filter.near.radiusKm'],
    [{ postcode: '0000', radiusKm: 10 }, 'filter.near.postcode'],
    [{ postcode: '1000', radiusKm: 10 }, 'filter.near.postcode'],
  ])('refuses the search near %j', async (near, path) => {
    const error = onlyError(await t.gql(SEARCH, { filter: { near } }, schoolStaff));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields![0].path).toBe(path);
  });

  it('lets only companies create placements', async () => {
    for (const token of [school.admin.token, (await make.sbb()).token]) {
      expect(onlyError(await t.gql(CREATE, { input: input() }, token)).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a capacity below the seats held (CONFLICT naming them) and writes nothing; the seats held are still allowed', async () => {
    const admin = company.admin.token;
    // Both seats of a placement held by internships of the school's students.
    const placementId = await make.publishedPlacement(company, { capacity: 2 });
    for (const fullName of ['Yara Capaciteit', 'Ymke Capaciteit']) {
      await make.internship(school, company, placementId, { identity: { fullName, dateOfBirth: '2007-04-04', email: `${fullName.split(' ')[0].toLowerCase()}@student.test` } });
    }
    const held = 2;
    const before = await t.dataSource.query('SELECT capacity, updated_at FROM placements WHERE id = $1', [placementId]);
    const audits = await t.count('audit_log');
    const UPDATE = 'mutation($id: ID!, $input: UpdatePlacementInput!) { updatePlacement(id: $id, input: $input) { __typename ... on Placement { capacity } } }';

    const refused = onlyError(await t.gql(UPDATE, { id: placementId, input: { capacity: held - 1 } }, admin));
    expect(refused.extensions.code).toBe('CONFLICT');
    expect(refused.message).toContain(`heeft ${held} bezette plek`);
    expect(await t.dataSource.query('SELECT capacity, updated_at FROM placements WHERE id = $1', [placementId])).toEqual(before);
    expect(await t.count('audit_log')).toBe(audits);

    expect(dataOf(await t.gql(UPDATE, { id: placementId, input: { capacity: held } }, admin)).updatePlacement).toEqual({ __typename: 'Placement', capacity: held });
  });
});
