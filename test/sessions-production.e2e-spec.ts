import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { type GraphqlResponse, onlyError, TestApp } from './support/test-app';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
const WINDOW_SECONDS = 4;

/** What differs in production: the Secure cookie, and (TRUST_PROXY left unset) X-Forwarded-For ignored. */
describe('sign-in and sessions in production mode', () => {
  let t: TestApp;
  /** Users of this test's own, signed in before any failure is counted. */
  let school: MadeSchool;
  let company: MadeCompany;
  let operator: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start({
      env: {
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'),
        SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '2',
        LOGIN_MAX_FAILURES_PER_IP: '4',
        LOGIN_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      },
    });
    const make = new Factories(t);
    [school, company, operator] = await Promise.all([make.school(), make.company(), make.platformAdmin()]);
  });
  afterAll(() => t.stop());

  const login = async (email: string, password: string, forwardedFor?: string) => {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query: LOGIN, variables: { e: email, p: password } });
    if (forwardedFor) call.set('X-Forwarded-For', forwardedFor);
    const response = await call;
    return response.body as GraphqlResponse;
  };
  const codeOf = (body: GraphqlResponse) => body.errors?.[0]?.extensions.code ?? null;
  const waitOut = (body: GraphqlResponse) =>
    new Promise((resolve) => setTimeout(resolve, (onlyError(body).extensions.retryAfterSeconds as number) * 1000 + 300));

  it('marks the queue dashboard cookie Secure, besides HttpOnly and SameSite=Strict', async () => {
    const response = await request(t.app.getHttpServer()).post('/admin/queues/session').set('Authorization', `Bearer ${operator.token}`);
    expect(response.status).toBe(204);
    const [cookie] = response.headers['set-cookie'] as unknown as string[];
    expect(cookie).toMatch(/^sm_queue_session=[^;]+; Max-Age=\d+; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
    expect((await request(t.app.getHttpServer()).get('/admin/queues/api/queues').set('Cookie', cookie.split(';')[0])).status).toBe(200);
  });

  it('counts failures by the TCP peer, whatever X-Forwarded-For a client writes, and lets her in once the block has passed', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(codeOf(await login(`nobody-${randomUUID()}@x.test`, 'a wrong password', `203.0.113.${attempt}`))).toBe('UNAUTHENTICATED');
    }
    const blocked = await login(school.staff.email, school.staff.password, '203.0.113.99');
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    expect(onlyError(blocked).extensions.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
    await waitOut(blocked);
    expect(codeOf(await login(school.staff.email, school.staff.password))).toBeNull();
  });

  it("refuses an account's right password until its block has passed, then lets her in", async () => {
    const { email, password } = company.staff;
    for (let attempt = 1; attempt <= 2; attempt += 1) expect(codeOf(await login(email, `wrong password ${attempt}`))).toBe('UNAUTHENTICATED');
    const blocked = await login(email, password);
    expect(codeOf(blocked)).toBe('RATE_LIMITED');
    await waitOut(blocked);
    expect(codeOf(await login(email, password))).toBeNull();
  });

  it('counts failures over a sliding window: two failures either side of where a fixed window would restart are still two in the last window', async () => {
    const email = `sliding-${randomUUID()}@x.test`;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    expect(codeOf(await login(email, 'wrong 1'))).toBe('UNAUTHENTICATED'); // t = 0
    await pause(2_500);
    expect(codeOf(await login(email, 'wrong 2'))).toBe('UNAUTHENTICATED'); // t = 2.5 s
    await pause(1_800);
    // t = 4.3 s: the first failure has left the 4 s window, the second has not.
    expect(codeOf(await login(email, 'wrong 3'))).toBe('UNAUTHENTICATED');
    const refused = await login(email, 'wrong 4');
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    // Until the failure at 2.5 s leaves the window (at 6.5 s), not a whole window.
    expect(onlyError(refused).extensions.retryAfterSeconds).toBeLessThanOrEqual(3);
  });
});
