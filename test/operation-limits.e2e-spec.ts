import request from 'supertest';
import { Factories, type Role } from './support/factories';
import type { GraphqlResponse } from './support/test-app';
import { TestApp } from './support/test-app';

/**
 * Every limit of README "GraphQL operation limits" refuses before anything resolves, with HTTP 400
 * and BAD_USER_INPUT: `extensions.operationLimit` names the limit, or `extensions.fields` the page
 * size out of range. Defaults: depth 10, aliases 30, tokens 5000, directives 10, root fields 10, cost 5000.
 */
describe('GraphQL operation limits', () => {
  let t: TestApp;
  /** A signed-in user of each role (the limits hold for everyone; some operations are for some roles only). */
  let tokens: Record<Role, string>;
  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    tokens = await make.tokens();
    await make.publishedPlacement(await make.company()); // something to find near 3511: the only placement here
  });
  afterAll(() => t.stop());

  /** One operation over HTTP: the status and the body. */
  const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call;
    return { status: response.status, body: response.body as GraphqlResponse };
  };

  /** The operation was refused before execution by `limit`, as a client error. */
  const expectRefusedBy = async (limit: string, max: number, query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const { status, body } = await post(query, variables, token);
    expect(body.data ?? null).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', operationLimit: limit, limit: max } }),
    ]);
    expect(status).toBe(400);
  };

  const repeat = (count: number, item: (n: number) => string) => Array.from({ length: count }, (_, n) => item(n + 1)).join(' ');

  /** `{ ...F1 }` where each fragment spreads the next twice: 2^20 expansions in under 1 kB. */
  const fragmentExplosion = (type: string, root: (spread: string) => string, leaf: string) => {
    const levels = Array.from({ length: 20 }, (_, n) => `fragment F${n + 1} on ${type} { ...F${n + 2} ...F${n + 2} }`);
    return [root('...F1'), ...levels, `fragment F21 on ${type} { ${leaf} }`].join('\n');
  };

  it('refuses the anonymous fragment explosion (21 levels of fragments spread twice) at once, as too many root fields', async () => {
    const document = fragmentExplosion('Query', (spread) => `{ ${spread} }`, '__typename');
    expect(document.length).toBeLessThan(900);
    await expectRefusedBy('rootFields', 10, document);
  });

  it('costs a fragment explosion below the root by its expansion, computed once per fragment', async () => {
    const document = fragmentExplosion('User', (spread) => `{ me { ${spread} } }`, 'id name email');
    await expectRefusedBy('cost', 5000, document);
  });

  it('refuses an operation deeper than 10 levels, counting fields inside fragments', async () => {
    let selection = 'id';
    for (let level = 0; level < 6; level += 1) selection = `branches { company { ${selection} } }`;
    await expectRefusedBy('depth', 10, `{ organizations(first: 1) { edges { node { ${selection} } } } }`, {}, tokens.schoolStaff);
    const viaFragments = `{ organizations(first: 1) { edges { node { ...A } } } }
      fragment A on Organization { branches { company { ...B } } }
      fragment B on Organization { branches { company { ...C } } }
      fragment C on Organization { branches { company { ...D } } }
      fragment D on Organization { branches { company { id } } }`;
    await expectRefusedBy('depth', 10, viaFragments, {}, tokens.schoolStaff);
  });

  it('refuses more than 30 aliases, anywhere in the operation, and accepts 30', async () => {
    const token = tokens.schoolStaff;
    await expectRefusedBy('aliases', 30, `{ me { ${repeat(31, (n) => `a${n}: id`)} } }`, {}, token);
    await expectRefusedBy('aliases', 30, `{ me { ...U ...U } } fragment U on User { ${repeat(16, (n) => `a${n}: id`)} }`, {}, token);
    const { status, body } = await post(`{ me { ${repeat(30, (n) => `a${n}: id`)} } }`, {}, token);
    expect(body.errors).toBeUndefined();
    expect(Object.keys(body.data!.me)).toHaveLength(30);
    expect(status).toBe(200);
  });

  it('refuses a document of more than 5000 tokens before parsing the rest', async () => {
    await expectRefusedBy('tokens', 5000, `{ me { ${repeat(5000, () => 'id')} } }`);
  });

  it('refuses more than 10 directives', async () => {
    await expectRefusedBy('directives', 10, `{ me { ${repeat(11, (n) => `a${n}: id @include(if: true)`)} } }`, {}, tokens.schoolStaff);
  });

  it('refuses more than 10 root fields, aliased or not', async () => {
    await expectRefusedBy('rootFields', 10, `{ ${repeat(11, (n) => `m${n}: me { id }`)} }`, {}, tokens.schoolStaff);
  });

  it('refuses a costly operation: list sizes multiply what is under them, expensive resolvers carry their weight', async () => {
    const lists = '{ organizations(first: 100) { edges { node { users(first: 100) { edges { node { id email name } } } } } } }';
    await expectRefusedBy('cost', 5000, lists, {}, tokens.platformAdmin);
    const input = { from: '2026-09-01', to: '2026-11-23', ground: 'MIGRATION_BACKGROUND' };
    const audits = `query($input: AdverseImpactAuditInput!) { ${repeat(6, (n) => `a${n}: adverseImpactAudit(input: $input) { sampleSize }`)} }`;
    await expectRefusedBy('cost', 5000, audits, { input }, tokens.sbb);
    const reports = `{ ${repeat(10, (n) => `r${n}: companyCompliance(companyId: "00000000-0000-4000-8000-${String(n).padStart(12, '0')}") { overview { placements } }`)} }`;
    await expectRefusedBy('cost', 5000, reports, {}, tokens.sbb);
    const counts = `{ organizations(first: 100) { edges { node { ${repeat(5, (n) => `u${n}: users(first: 1) { totalCount }`)} } } } }`;
    await expectRefusedBy('cost', 5000, counts, {}, tokens.platformAdmin);
  });

  it('answers a heavy but allowed operation', async () => {
    const query = `query($near: NearInput!) {
      complianceOverview { placements byStatus { status placements } }
      placeSupply { totals { openSeats } }
      placements(first: 100, filter: { near: $near }) { totalCount pageInfo { hasNextPage }
        edges { node { title stipendMonthlyCents company { name } branch { city } } } }
      auditLog(first: 50) { totalCount edges { node { action occurredAt } } } }`;
    const { status, body } = await post(query, { near: { postcode: '3511', radiusKm: 50 } }, tokens.sbb);
    expect(body.errors).toBeUndefined();
    // The one placement this file published, in Utrecht.
    expect(body.data!.placements).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { branch: { city: 'Utrecht' } } }] });
    expect(status).toBe(200);
  });

  describe('page sizes', () => {
    /** Refused as bad input naming the argument, before the cost is looked at. */
    const expectBadPageSize = async (path: string, query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const { status, body } = await post(query, variables, token);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path, message: 'first moet tussen 1 en 100 liggen' }] } }),
      ]);
      expect(status).toBe(400);
    };

    it.each([-1, 0, 101])('refuses first: %d on a root connection, literal or variable', async (first) => {
      const token = tokens.sbb;
      await expectBadPageSize('placements.first', `{ placements(first: ${first}) { totalCount } }`, {}, token);
      await expectBadPageSize('p.first', 'query($n: Int) { p: placements(first: $n) { totalCount } }', { n: first }, token);
    });

    it('refuses a negative first below the root, where it used to make the cost negative, even under 60 heavy aliases', async () => {
      const token = tokens.platformAdmin;
      await expectBadPageSize(
        'organizations.edges.node.users.first',
        '{ organizations(first: 100) { edges { node { users(first: -100) { edges { node { id } } } } } } }',
        {},
        token,
      );
      await expectBadPageSize('...U.users.first', '{ organizations(first: 5) { edges { node { ...U } } } } fragment U on Organization { users(first: 0) { totalCount } }', {}, token);
    });

    it('checks `last` against the same range as `first`', async () => {
      const { status, body } = await post('{ placements(last: -5) { totalCount } }', {}, tokens.sbb);
      expect(body.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ message: 'last moet tussen 1 en 100 liggen' })] }) }),
      ]);
      expect(status).toBe(400);
    });

    it('accepts 1 and 100', async () => {
      const token = tokens.sbb;
      for (const first of [1, 100]) {
        const { body } = await post('query($n: Int) { placements(first: $n) { edges { node { id } } } }', { n: first }, token);
        expect(body.errors).toBeUndefined();
        expect(body.data!.placements.edges).toHaveLength(1); // the file's one placement
      }
    });
  });

  it('keeps "Did you mean" suggestions outside production, where introspection is on', async () => {
    const { status, body } = await post('{ me { nmae } }', {}, tokens.schoolStaff);
    expect(body.errors?.[0]).toMatchObject({ message: 'Veld "nmae" bestaat niet op type "User". Bedoelde u "name"?', extensions: { code: 'BAD_USER_INPUT' } });
    expect(status).toBe(400);
  });
});
