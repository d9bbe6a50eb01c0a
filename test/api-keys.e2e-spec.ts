import request from 'supertest';
import { hashSecretToken } from '../src/common/auth/secret-token';
import { Factories, type MadeSchool } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name role prefix lastUsedAt } } }';
const REVOKE = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const KEYS = '{ apiKeys(first: 50) { edges { node { id name lastUsedAt revokedAt } } } }';
const STUDENT = 'query Student($id: ID!) { student(id: $id) { id } }';
const LIMIT = 8;

describe('API keys: a named key with a role, shown once, hashed, rate-limited, audited, inside its organization only', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let studentId: string;
  let keys = 0;

  beforeAll(async () => {
    t = await TestApp.start({ env: { API_KEY_REQUESTS_PER_MINUTE: String(LIMIT) } });
    make = new Factories(t);
    [school, otherSchool] = await Promise.all([make.school(), make.school()]);
    studentId = (await make.student(school)).id;
  });
  afterAll(() => t.stop());

  const createKey = async (owner: MadeSchool, role: 'STAFF' | 'ADMIN' = 'STAFF') =>
    dataOf(await t.gql(CREATE, { input: { name: `Eduarte import ${++keys}`, role } }, owner.admin.token)).createApiKey as { secret: string; apiKey: { id: string; name: string } };
  const withKey = (query: string, variables: Record<string, unknown>, secret: string, operationName?: string) =>
    request(t.app.getHttpServer()).post('/graphql').set('Authorization', `Bearer ${secret}`).send({ query, variables, operationName });

  it('acts as its organization with its role; the secret is shown once and only its hash is stored; uses are audited under its name and lastUsedAt kept', async () => {
    const { secret, apiKey } = await createKey(school);
    expect(secret).toMatch(/^sm_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.dataSource.query('SELECT secret_hash FROM api_keys WHERE id = $1', [apiKey.id]);
    expect(row.secret_hash).toBe(hashSecretToken(secret));
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM audit_log WHERE entity_id = $1', [apiKey.id]))).not.toContain(secret);

    const answer = await withKey(STUDENT, { id: studentId }, secret, 'Student');
    expect(answer.body).toEqual({ data: { student: { id: studentId } } });
    const used = await eventually(async () => (await t.dataSource.query(`SELECT actor_role, actor_user_id, actor_organization_id, after FROM audit_log WHERE action = 'api_key.used' AND entity_id = $1`, [apiKey.id]))[0]);
    expect(used).toMatchObject({ actor_role: `API_KEY:${apiKey.name}`, actor_user_id: null, actor_organization_id: school.id, after: { operation: 'Student' } });
    const listed = await eventually(async () => dataOf(await t.gql(KEYS, {}, school.admin.token)).apiKeys.edges.find((edge: { node: { id: string; lastUsedAt: string | null } }) => edge.node.id === apiKey.id && edge.node.lastUsedAt));
    expect(listed.node).not.toHaveProperty('secret');
  });

  it('never acts outside its organization: another school’s key does not find this school’s student', async () => {
    const { secret } = await createKey(otherSchool, 'ADMIN');
    expect(onlyError((await withKey(STUDENT, { id: studentId }, secret)).body).extensions.code).toBe('NOT_FOUND');
  });

  it.each([
    ['inviteUser', 'mutation { inviteUser(input: { email: "x@keys.test", name: "X", role: ADMIN }) { id } }'],
    ['createApiKey', 'mutation { createApiKey(input: { name: "another", role: ADMIN }) { secret } }'],
    ['apiKeys', '{ apiKeys { totalCount } }'],
    ['revokeSessions', 'mutation { revokeSessions }'],
    ['me', '{ me { id } }'],
  ])('cannot manage users or keys, even with the ADMIN role: %s is FORBIDDEN', async (_name, query) => {
    const { secret } = await createKey(school, 'ADMIN');
    const before = await t.count('invitations');
    expect(onlyError((await withKey(query, {}, secret)).body).extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.count('invitations')).toBe(before);
    expect(await t.count(`api_keys WHERE organization_id = '${school.id}'`)).toBe(keys - 1); // the other school's key is not counted
  });

  it('is refused once revoked, and a forged key is refused alike', async () => {
    const { secret, apiKey } = await createKey(school);
    expect(dataOf(await t.gql(REVOKE, { id: apiKey.id }, school.admin.token)).revokeApiKey.revokedAt).toEqual(expect.any(String));
    const revoked = await withKey(STUDENT, { id: studentId }, secret);
    const forged = await withKey(STUDENT, { id: studentId }, `sm_${'A'.repeat(43)}`);
    expect(onlyError(revoked.body).extensions.code).toBe('UNAUTHENTICATED');
    expect(forged.body).toEqual(revoked.body);
    expect(onlyError(await t.gql(REVOKE, { id: apiKey.id }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
  });

  it(`is RATE_LIMITED (HTTP 429, Retry-After) past ${LIMIT} requests a minute, per key`, async () => {
    const [{ secret }, { secret: another }] = [await createKey(school), await createKey(school)];
    for (let n = 1; n <= LIMIT; n += 1) expect((await withKey(STUDENT, { id: studentId }, secret)).status).toBe(200);
    const refused = await withKey(STUDENT, { id: studentId }, secret);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(onlyError(refused.body).extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await withKey(STUDENT, { id: studentId }, another)).status).toBe(200);
  });
});
