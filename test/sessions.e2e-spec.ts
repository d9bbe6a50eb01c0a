import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { loadEnvironment } from '../src/config/environment';
import { QueueName } from '../src/queues/queues';
import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, type GraphqlResponse, onlyError, TestApp } from './support/test-app';
import { newSecretToken } from '../src/common/auth/secret-token';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token user { id role } } }';
const ME = '{ me { id email role organizationId } }';
const INVITE_USER = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id } }';
const ACCEPT_INVITATION = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }';
const REVOKE = 'mutation($userId: ID) { revokeSessions(userId: $userId) }';
const PASSWORD = 'lantaarn-fietsbel-kiwi-42';

interface HttpAnswer {
  status: number;
  body: GraphqlResponse;
  retryAfter?: string;
}

describe('sign-in and sessions', () => {
  let t: TestApp;
  /** The school whose admin adds this test's users, another school, SBB and the operator. */
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let sbb: SignedIn;
  let operator: SignedIn;
  let schoolAdmin: string;
  let make: Factories;
  // Loopback is this test's proxy, so each test can sign in from its own client address (X-Forwarded-For).
  beforeAll(async () => {
    t = await TestApp.start({ env: { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_IP: '20' } });
    make = new Factories(t);
    [school, otherSchool, sbb, operator] = await Promise.all([make.school(), make.school(), make.sbb(), make.platformAdmin()]);
    schoolAdmin = school.admin.token;
  });
  afterAll(() => t.stop());

  let clients = 0;
  const newClient = () => `198.51.100.${++clients}`;

  async function graphql(query: string, variables: Record<string, unknown>, options: { token?: string; from?: string } = {}): Promise<HttpAnswer> {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    if (options.from) call.set('X-Forwarded-For', options.from);
    if (options.token) call.set('Authorization', `Bearer ${options.token}`);
    const response = await call;
    return { status: response.status, body: response.body, retryAfter: response.headers['retry-after'] };
  }
  const login = (email: string, password: string, from = newClient()) => graphql(LOGIN, { e: email, p: password }, { from });
  const codeOf = (answer: HttpAnswer) => answer.body.errors?.[0]?.extensions.code ?? null;
  const tokenOf = (answer: HttpAnswer): string => dataOf(answer.body).login.token;
  const me = (token: string) => graphql(ME, {}, { token });

  /** A new user of the school (invited, and signed out of the session accepting started), so no test's counts or sessions touch another's. */
  async function newUser(role: 'STAFF' | 'ADMIN' = 'STAFF'): Promise<{ id: string; email: string }> {
    const user = await make.addUser(school.admin, role, { password: PASSWORD });
    dataOf(await t.gql('mutation { logout }', {}, user.token));
    return { id: user.id, email: user.email };
  }

  describe('failed sign-ins', () => {
    it('refuses every attempt after 10 failures for an account, even with the right password and from elsewhere, with RATE_LIMITED and the seconds to wait', async () => {
      const { email } = await newUser();
      const from = newClient();
      for (let attempt = 1; attempt <= 10; attempt += 1) {
        const answer = await login(email, `wrong password number ${attempt}`, from);
        expect([answer.status, codeOf(answer)]).toEqual([200, 'UNAUTHENTICATED']);
      }
      for (const client of [from, newClient()]) {
        const answer = await login(email, PASSWORD, client);
        expect(answer.status).toBe(429);
        expect(answer.body.data).toBeNull();
        const error = onlyError(answer.body);
        expect(error.extensions.code).toBe('RATE_LIMITED');
        const seconds = error.extensions.retryAfterSeconds as number;
        expect(seconds).toBeGreaterThan(880);
        expect(seconds).toBeLessThanOrEqual(900);
        expect(answer.retryAfter).toBe(String(seconds));
        expect(error.message).toContain(`${seconds} seconds`);
      }
    });

    it('gives an unknown e-mail address the same RATE_LIMITED answer as a known one', async () => {
      const { email } = await newUser();
      const answers = [];
      for (const address of [email, `nobody-${randomUUID()}@sessions.test`]) {
        const from = newClient();
        for (let attempt = 1; attempt <= 10; attempt += 1) expect(codeOf(await login(address, `wrong password ${attempt}`, from))).toBe('UNAUTHENTICATED');
        answers.push(await login(address, PASSWORD, from));
      }
      const [known, unknown] = answers.map((answer) => onlyError(answer.body));
      expect(known.extensions.code).toBe('RATE_LIMITED');
      const withoutSeconds = (error: typeof known) => ({ ...error, message: error.message.replace(/\d+/g, 'N'), extensions: { ...error.extensions, retryAfterSeconds: 'N' } });
      expect(withoutSeconds(unknown)).toEqual(withoutSeconds(known));
      expect(Math.abs((known.extensions.retryAfterSeconds as number) - (unknown.extensions.retryAfterSeconds as number))).toBeLessThanOrEqual(5);
    });

    it('checks at most 10 of 200 wrong passwords sent at once, and the right one is then refused', async () => {
      const { email } = await newUser();
      const from = newClient();
      const answers = await Promise.all(Array.from({ length: 200 }, (_, attempt) => login(email, `parallel guess ${attempt}`, from)));
      const codes = answers.map(codeOf);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(190);
      expect(codeOf(await login(email, PASSWORD, newClient()))).toBe('RATE_LIMITED');
    });

    it('starts the count again after a successful sign-in', async () => {
      const { email } = await newUser();
      const from = newClient();
      for (let attempt = 1; attempt <= 9; attempt += 1) expect(codeOf(await login(email, `typo ${attempt}`, from))).toBe('UNAUTHENTICATED');
      expect(tokenOf(await login(email, PASSWORD, from))).toEqual(expect.any(String));
      for (let attempt = 1; attempt <= 10; attempt += 1) expect(codeOf(await login(email, `another typo ${attempt}`, from))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(email, PASSWORD, from))).toBe('RATE_LIMITED');
    });

    it('refuses a client address (an IPv6 /64 as one) after 20 failures across accounts; other addresses still sign in', async () => {
      const { email } = await newUser();
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        const answer = await login(`guess-${attempt}-${randomUUID()}@sessions.test`, 'some wrong password', `2001:db8:77:1::${attempt.toString(16)}`);
        expect(codeOf(answer)).toBe('UNAUTHENTICATED');
      }
      const sameNetwork = await login(email, PASSWORD, '2001:db8:77:1:ffff:ffff:ffff:1');
      expect(codeOf(sameNetwork)).toBe('RATE_LIMITED');
      expect(tokenOf(await login(email, PASSWORD, '2001:db8:77:2::1'))).toEqual(expect.any(String));
    });
  });

  describe('password policy', () => {
    it.each([
      ['            ', 'PASSWORD_WHITESPACE_ONLY'],
      ['   elf tekens  ', 'PASSWORD_LENGTH'],
      ['x'.repeat(201), 'PASSWORD_LENGTH'],
      ['aaaaaaaaaaaaaaaa', 'PASSWORD_REPEATED_CHARACTER'],
      ['  ############  ', 'PASSWORD_REPEATED_CHARACTER'],
      ['password1234', 'PASSWORD_GUESSABLE'],
      ['qwertyuiop123', 'PASSWORD_GUESSABLE'],
      ['iloveyou2026', 'PASSWORD_GUESSABLE'],
      ['123456789012', 'PASSWORD_GUESSABLE'],
      ['sessions.test2026', 'PASSWORD_GUESSABLE'], // the domain of the new user's address
    ])('refuses %j in acceptInvitation as BAD_USER_INPUT on password (%s), and adds nobody', async (password, rule) => {
      const email = `policy-${randomUUID()}@sessions.test`;
      const { inviteUser } = dataOf(await t.gql(INVITE_USER, { input: { email, name: 'Nieuwe Mentor', role: 'STAFF' } }, schoolAdmin));
      const { token, hash } = newSecretToken(); // in place of the e-mailed link's (test/invitations.e2e-spec.ts reads the e-mail)
      await t.dataSource.query('UPDATE invitations SET token_hash = $2 WHERE id = $1', [inviteUser.id, hash]);
      const answer = await graphql(ACCEPT_INVITATION, { t: token, p: password });
      expect(answer.status).toBe(400);
      const error = onlyError(answer.body);
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.extensions.fields).toEqual([{ path: 'password', rule, message: expect.stringMatching(/^password /) }]);
      expect(await t.count(`users WHERE email = '${email}'`)).toBe(0);
    });

    it('accepts a long uncommon password counted without the spaces around it, and she signs in with it', async () => {
      const email = `policy-${randomUUID()}@sessions.test`;
      const { inviteUser } = dataOf(await t.gql(INVITE_USER, { input: { email, name: 'Nieuwe Mentor', role: 'STAFF' } }, schoolAdmin));
      const { token, hash } = newSecretToken();
      await t.dataSource.query('UPDATE invitations SET token_hash = $2 WHERE id = $1', [inviteUser.id, hash]);
      dataOf((await graphql(ACCEPT_INVITATION, { t: token, p: '  fietsbel-kiwi-lantaarn  ' })).body);
      expect(tokenOf(await login(email, '  fietsbel-kiwi-lantaarn  '))).toEqual(expect.any(String));
    });
  });

  describe('revocable tokens', () => {
    it('logout ends the token it is sent with, and only that one', async () => {
      const { email } = await newUser();
      const [first, second] = [tokenOf(await login(email, PASSWORD)), tokenOf(await login(email, PASSWORD))];
      const out = await graphql('mutation { logout }', {}, { token: first });
      expect([out.status, dataOf(out.body).logout]).toEqual([200, true]);
      for (const query of [ME, 'mutation { logout }']) {
        const refused = await graphql(query, {}, { token: first });
        expect([refused.status, codeOf(refused)]).toEqual([200, 'UNAUTHENTICATED']);
      }
      expect(dataOf((await me(second)).body).me.email).toBe(email);
    });

    it('revokeSessions without a user ends every token of the caller', async () => {
      const { email } = await newUser();
      const tokens = [tokenOf(await login(email, PASSWORD)), tokenOf(await login(email, PASSWORD))];
      expect(dataOf((await graphql(REVOKE, {}, { token: tokens[0] })).body).revokeSessions).toBe(2);
      for (const token of tokens) expect(codeOf(await me(token))).toBe('UNAUTHENTICATED');
      expect(tokenOf(await login(email, PASSWORD))).toEqual(expect.any(String));
    });

    it("lets an organization's admin end a colleague's tokens; staff get FORBIDDEN, another organization NOT_FOUND, and those tokens stay valid", async () => {
      const target = await newUser();
      const colleague = await newUser();
      const targetToken = tokenOf(await login(target.email, PASSWORD));
      const colleagueToken = tokenOf(await login(colleague.email, PASSWORD));
      const audits = () => t.count(`audit_log WHERE action = 'user.sessions_revoked' AND entity_id = '${target.id}'`);

      expect(codeOf(await graphql(REVOKE, { userId: target.id }, { token: colleagueToken }))).toBe('FORBIDDEN');
      expect(codeOf(await graphql(REVOKE, { userId: target.id }, { token: otherSchool.admin.token }))).toBe('NOT_FOUND');
      expect(codeOf(await graphql(REVOKE, { userId: randomUUID() }, { token: schoolAdmin }))).toBe('NOT_FOUND');
      expect(onlyError((await graphql(REVOKE, { userId: 'not-an-id' }, { token: schoolAdmin })).body).extensions.fields).toEqual([
        { path: 'userId', message: 'moet een id zijn (een UUID)' },
      ]);
      expect(dataOf((await me(targetToken)).body).me.id).toBe(target.id);
      expect(await audits()).toBe(0);

      expect(dataOf((await graphql(REVOKE, { userId: target.id }, { token: schoolAdmin })).body).revokeSessions).toBe(1);
      expect(codeOf(await me(targetToken))).toBe('UNAUTHENTICATED');
      expect(dataOf((await me(colleagueToken)).body).me.id).toBe(colleague.id);
      expect(dataOf((await me(schoolAdmin)).body).me.email).toBe(school.admin.email);
      expect(await audits()).toBe(1);
    });

    // No operation moves a user to another organization, and updateUser ends her sessions itself when it
    // changes her role; the session check must notice either change however it was made, so the test
    // changes the row as an operator would.
    it('ends her tokens when her role or organization changes, even if it is changed back', async () => {
      const promoted = await newUser();
      const moved = await newUser();
      const promotedToken = tokenOf(await login(promoted.email, PASSWORD));
      const movedToken = tokenOf(await login(moved.email, PASSWORD));

      await t.dataSource.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [promoted.id]);
      await t.dataSource.query(`UPDATE users SET organization_id = $2 WHERE id = $1`, [moved.id, otherSchool.id]);
      expect(codeOf(await me(promotedToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await me(movedToken))).toBe('UNAUTHENTICATED');

      await t.dataSource.query(`UPDATE users SET role = 'STAFF' WHERE id = $1`, [promoted.id]);
      expect(codeOf(await me(promotedToken))).toBe('UNAUTHENTICATED');
      const again = await login(moved.email, PASSWORD);
      expect(dataOf((await me(tokenOf(again))).body).me.organizationId).toBe(otherSchool.id);
    });

    it('refuses a correctly signed token that belongs to no session (as issued before sessions existed)', async () => {
      const { JWT_SECRET } = loadEnvironment();
      const { id } = await newUser();
      const withoutSession = jwt.sign({}, JWT_SECRET, { subject: id, issuer: 'stagematch', expiresIn: '1h' });
      const unknownSession = jwt.sign({}, JWT_SECRET, { subject: id, issuer: 'stagematch', audience: 'stagematch:api', jwtid: randomUUID(), expiresIn: '1h' });
      for (const token of [withoutSession, unknownSession]) expect(codeOf(await me(token))).toBe('UNAUTHENTICATED');
    });
  });

  describe('queue dashboard', () => {
    const server = () => request(t.app.getHttpServer());
    const startSession = (token?: string) => {
      const call = server().post('/admin/queues/session');
      return token ? call.set('Authorization', `Bearer ${token}`) : call;
    };
    const queuesWith = (cookie: string) => server().get('/admin/queues/api/queues').set('Cookie', cookie);
    const cookieOf = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[] | undefined)?.[0] ?? '';

    it('takes no token in the URL', async () => {
      const platform = tokenOf(await login(operator.email, operator.password));
      for (const path of [`/admin/queues?token=${platform}`, `/admin/queues/api/queues?token=${platform}`]) {
        const response = await server().get(path);
        expect(response.status).toBe(401);
        expect(response.headers['set-cookie']).toBeUndefined();
      }
    });

    it('sets an HttpOnly, SameSite=Strict cookie for PLATFORM admins only, which opens the dashboard and nothing else', async () => {
      expect((await startSession()).status).toBe(401);
      for (const token of [school.admin.token, sbb.token]) {
        const refused = await startSession(token);
        expect(refused.status).toBe(403);
        expect(refused.headers['set-cookie']).toBeUndefined();
      }
      const platform = tokenOf(await login(operator.email, operator.password));
      const started = await startSession(platform);
      expect(started.status).toBe(204);
      const cookie = cookieOf(started);
      expect(cookie).toMatch(/^sm_queue_session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/admin\/queues; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
      expect(maxAge).toBeGreaterThan(3500);
      expect(maxAge).toBeLessThanOrEqual(3600);
      const value = cookie.split(';')[0];
      expect(value).not.toContain(platform);

      const dashboard = await queuesWith(value);
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining([QueueName.NOTIFICATION_DISPATCH]));
      // The cookie is no bearer token, and the bearer token is no cookie.
      expect(codeOf(await me(value.split('=')[1]))).toBe('UNAUTHENTICATED');
      expect((await queuesWith(`sm_queue_session=${platform}`)).status).toBe(401);
    });

    it('ends the cookie with the session it came from, or on its own', async () => {
      const platform = tokenOf(await login(operator.email, operator.password));
      const first = cookieOf(await startSession(platform)).split(';')[0];
      const second = cookieOf(await startSession(platform)).split(';')[0];

      const ended = await server().delete('/admin/queues/session').set('Cookie', first);
      expect(ended.status).toBe(204);
      expect(cookieOf(ended)).toMatch(/^sm_queue_session=; Path=\/admin\/queues; Expires=Thu, 01 Jan 1970/);
      expect((await queuesWith(first)).status).toBe(401);
      expect((await queuesWith(second)).status).toBe(200);

      dataOf((await graphql('mutation { logout }', {}, { token: platform })).body);
      expect((await queuesWith(second)).status).toBe(401);
    });
  });
});
