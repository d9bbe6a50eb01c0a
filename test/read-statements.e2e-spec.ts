import { AsyncResource } from 'node:async_hooks';
import { Client } from 'pg';
import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { dataOf, TestApp } from './support/test-app';

/**
 * The everyday reads cost few statements (bench:api, issue #20): each one is a round trip and a
 * socket write on the API's one event loop. Counted at the driver, so the session check (one
 * prepared statement per signed-in request) and the loaders' prepared statements count too.
 */
describe('statements per everyday read', () => {
  let t: TestApp;
  let school: MadeSchool;
  let company: MadeCompany;
  beforeAll(async () => {
    // The API alone, as production runs it: no worker (jobs, the outbox relay's polling) in the same process to count.
    t = await TestApp.start({ withWorker: false });
    const make = new Factories(t);
    [school, company] = await Promise.all([make.school(), make.company()]);
    await make.publishedPlacement(company);
    for (let i = 0; i < 3; i += 1) await make.student(school);
  });
  afterAll(() => t.stop());

  /** The statements of one request: the fewest of three runs, as anything else the process does meanwhile only adds. */
  const statements = async (query: string, variables: Record<string, unknown>, token: string): Promise<{ data: any; count: number }> => {
    let fewest: { data: any; count: number } | null = null;
    for (let run = 0; run < 3; run += 1) {
      const spy = jest.spyOn(Client.prototype, 'query');
      try {
        const data = dataOf(await t.gql(query, variables, token));
        if (!fewest || spy.mock.calls.length < fewest.count) fewest = { data, count: spy.mock.calls.length };
      } finally {
        spy.mockRestore();
      }
    }
    return fewest!;
  };

  it('runs a resolver through no interceptor: nestjs-cls registers pass-through ones, left out (database.module.ts)', async () => {
    // A global interceptor, even one that passes through, wraps each resolver call in rxjs and AsyncResource.bind.
    const bind = jest.spyOn(AsyncResource, 'bind');
    try {
      expect(dataOf(await t.gql('{ me { id } }', {}, school.staff.token)).me.id).toBe(school.staff.id);
      expect(bind).not.toHaveBeenCalled();
    } finally {
      bind.mockRestore();
    }
  });

  it('answers `me` with her organization from the session check alone', async () => {
    const { data, count } = await statements('{ me { id name organization { id name type } } }', {}, school.staff.token);
    expect(data.me).toEqual({ id: school.staff.id, name: school.staff.name, organization: { id: school.id, name: school.name, type: 'SCHOOL' } });
    expect(count).toBe(1);
  });

  it('searches near a postcode without reading the postcode again each time', async () => {
    const search = `query($near: NearInput!) { placements(first: 10, filter: { near: $near }) {
      totalCount edges { node { title distanceKm company { name } branch { pc4 } } } } }`;
    await statements(search, { near: { postcode: '3511', radiusKm: 10 } }, school.staff.token);
    const { data, count } = await statements(search, { near: { postcode: '3511', radiusKm: 10 } }, school.staff.token);
    expect(data.placements.edges.map(({ node }: any) => node.company.name)).toContain(company.name);
    // the session check, the page with its count, the companies and branches together
    expect(count).toBe(3);
    const unknown = await t.gql(search, { near: { postcode: '0000', radiusKm: 10 } }, school.staff.token);
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('searches by Dutch full text with near, and pages a school\'s students, in as many statements as one page of ten', async () => {
    const search = `query($filter: PlacementFilter!, $first: Int) { placements(first: $first, filter: $filter) {
      totalCount edges { node { title distanceKm company { name } branch { pc4 } } } } }`;
    const filter = { search: 'stage', near: { postcode: '3511', radiusKm: 10 } };
    const { data, count } = await statements(search, { filter, first: 10 }, school.staff.token);
    expect(data.placements.edges.map(({ node }: any) => node.company.name)).toContain(company.name);
    // the session check, the page (ranked, keyset) with its count, the companies and branches: the same as without search
    expect(count).toBe(3);
    expect((await statements(search, { filter, first: 100 }, school.staff.token)).count).toBe(3);

    const students = `query($first: Int, $after: String) { students(first: $first, after: $after, orderBy: { field: NAME }) {
      pageInfo { endCursor } edges { node { id identity { fullName } } } } }`;
    const first = await statements(students, { first: 2 }, school.staff.token);
    const next = await statements(students, { first: 50, after: first.data.students.pageInfo.endCursor }, school.staff.token);
    // the session check, the page with its kept count; the identities by one loader statement
    expect(next.count).toBe(first.count);
    expect(next.data.students.edges).toHaveLength(1);
    expect(first.count).toBe(3);
  });
});
