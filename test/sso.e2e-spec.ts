import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { OidcProvider, type ProviderAccount, type ProviderClient } from './support/oidc-provider';
import { dataOf, onlyError, TestApp } from './support/test-app';

const PUBLIC_URL = 'http://localhost:3000';
const APP_URL = 'http://localhost:5173';
const CONFIGURE = `mutation($input: ConfigureSsoInput!) { configureSso(input: $input) {
  organizationId issuer clientId allowedDomains createUnknownUsers newUserRole enabled redirectUri signInUrl } }`;
const CONFIGURATION = 'query($o: ID!) { ssoConfiguration(organizationId: $o) { id clientId allowedDomains } }';
const COMPLETE = 'mutation($code: String!) { completeSsoSignIn(code: $code) { token user { id email role organizationId studentId } } }';
const ME = '{ me { id email name role organizationId } }';

/**
 * Single sign-on (issue #15) end to end against a real OpenID provider (oidc-provider) in its own
 * process on loopback: the browser's redirects are followed by hand, Stagematch's two endpoints
 * answered by the app, and the session is what `completeSsoSignIn` gives for the one-time code.
 */
describe('single sign-on over OpenID Connect', () => {
  let t: TestApp;
  let make: Factories;
  let provider: OidcProvider;
  let operator: SignedIn;
  /** JIT on (STAFF): the honest client. */
  let school: MadeSchool;
  /** No JIT: only existing users. */
  let strictSchool: MadeSchool;
  /** Configured anew by each test that needs another client. */
  let probe: MadeSchool;
  /** Never configured. */
  let unconfigured: MadeSchool;

  const http = () => request(t.app.getHttpServer());
  const unique = () => randomBytes(4).toString('hex');

  async function configure(organization: MadeSchool, clientId: ProviderClient, overrides: Record<string, unknown> = {}) {
    const input = {
      organizationId: organization.id,
      issuer: provider.issuer,
      clientId,
      clientSecret: provider.clientSecret,
      allowedDomains: ['factory.test'],
      createUnknownUsers: true,
      ...overrides,
    };
    return dataOf(await t.gql(CONFIGURE, { input }, organization.admin.token)).configureSso;
  }

  /** The whole browser journey; returns the front-end address it ends at. */
  async function signIn(organizationId: string, account: ProviderAccount, { beforeCallback }: { beforeCallback?: () => Promise<void> } = {}) {
    const callback = await atProvider(organizationId, account);
    await beforeCallback?.();
    return returnTo(callback);
  }

  async function atProvider(organizationId: string, account: ProviderAccount): Promise<URL> {
    const start = await http().get(`/auth/oidc/${organizationId}/start`);
    expect(start.status).toBe(302);
    expect(start.headers.location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    return provider.signIn(start.headers.location, account);
  }

  async function returnTo(callback: URL): Promise<URL> {
    const answer = await http().get(`${callback.pathname}${callback.search}`);
    expect(answer.status).toBe(302);
    expect(answer.headers['cache-control']).toBe('no-store');
    return new URL(answer.headers.location);
  }

  const fragment = (landing: URL) => new URLSearchParams(landing.hash.slice(1));

  async function refusalOf(landing: URL): Promise<string | null> {
    expect(landing.origin + landing.pathname).toBe(`${APP_URL}/sign-in/sso`);
    expect(fragment(landing).get('code')).toBeNull();
    return fragment(landing).get('error');
  }

  async function sessionFrom(landing: URL) {
    expect(landing.origin + landing.pathname).toBe(`${APP_URL}/sign-in/sso`);
    expect(landing.search).toBe('');
    const code = fragment(landing).get('code');
    expect(code).toBeTruthy();
    return dataOf(await t.gql(COMPLETE, { code })).completeSsoSignIn;
  }

  async function lastAudit(action: string) {
    const [row] = await t.dataSource.query(`SELECT entity_type, entity_id, actor_user_id, after FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action]);
    return row;
  }

  beforeAll(async () => {
    t = await TestApp.start({ withWorker: false, env: { PUBLIC_URL, APP_URL } });
    provider = await new OidcProvider(`${PUBLIC_URL}/auth/oidc/callback`).start();
    make = new Factories(t);
    [operator, school, strictSchool, probe, unconfigured] = await Promise.all([make.platformAdmin(), make.school(), make.school(), make.school(), make.school()]);
    await configure(school, 'stagematch');
    await configure(strictSchool, 'stagematch', { createUnknownUsers: false });
  }, 120_000);

  afterAll(async () => {
    await provider?.stop();
    await t?.stop();
  });

  describe('configuration', () => {
    it("is kept by the organization's admin and the operator, never shows the secret, and stores it encrypted", async () => {
      const other = probe;
      const shown = await configure(other, 'stagematch', { allowedDomains: ['ROC-Voorbeeld.nl', 'roc-voorbeeld.nl'], newUserRole: 'ADMIN' });
      expect(shown).toMatchObject({
        issuer: provider.issuer,
        allowedDomains: ['roc-voorbeeld.nl'],
        newUserRole: 'ADMIN',
        redirectUri: `${PUBLIC_URL}/auth/oidc/callback`,
        signInUrl: `${PUBLIC_URL}/auth/oidc/${other.id}/start`,
      });
      const [row] = await t.dataSource.query('SELECT client_secret_sealed FROM sso_configurations WHERE organization_id = $1', [other.id]);
      expect((row.client_secret_sealed as Buffer).includes(Buffer.from(provider.clientSecret))).toBe(false);
      const type = dataOf(await t.gql('{ __type(name: "SsoConfiguration") { fields { name } } }', {}, other.admin.token)).__type;
      expect(type.fields.map((field: { name: string }) => field.name).filter((name: string) => /secret/i.test(name))).toEqual([]);

      // The operator may change it (the secret kept when omitted); staff and other organizations' admins may not read it.
      const { clientSecret: _, ...withoutSecret } = { organizationId: other.id, issuer: provider.issuer, clientId: 'stagematch-2', clientSecret: 'x', allowedDomains: ['factory.test'] };
      expect(dataOf(await t.gql(CONFIGURE, { input: withoutSecret }, operator.token)).configureSso.clientId).toBe('stagematch-2');
      expect(dataOf(await t.gql(CONFIGURATION, { o: other.id }, operator.token)).ssoConfiguration).toMatchObject({ id: other.id, clientId: 'stagematch-2' });
      expect(onlyError(await t.gql(CONFIGURATION, { o: other.id }, other.staff.token)).extensions.code).toBe('FORBIDDEN');
      expect(onlyError(await t.gql(CONFIGURATION, { o: other.id }, school.admin.token)).extensions.code).toBe('FORBIDDEN');
      expect(onlyError(await t.gql(CONFIGURE, { input: withoutSecret }, school.admin.token)).extensions.code).toBe('FORBIDDEN');
      expect(await lastAudit('sso.configured')).toMatchObject({ entity_id: other.id, actor_user_id: operator.id, after: { clientId: 'stagematch-2', clientSecretChanged: false } });

      // Not even an ADMIN API key of the organization: sign-in is managed by people.
      const key = dataOf(await t.gql('mutation { createApiKey(input: { name: "sis", role: ADMIN }) { secret } }', {}, other.admin.token)).createApiKey.secret;
      expect(onlyError(await t.gql(CONFIGURATION, { o: other.id }, key)).extensions.code).toBe('FORBIDDEN');
    });

    it('refuses a first configuration without a secret, a bad issuer and a bad domain, naming the field', async () => {
      const other = unconfigured;
      const input = { organizationId: other.id, issuer: provider.issuer, clientId: 'stagematch', allowedDomains: ['factory.test'] };
      const paths = async (overrides: Record<string, unknown>) =>
        onlyError(await t.gql(CONFIGURE, { input: { ...input, ...overrides } }, other.admin.token)).extensions.fields?.map((field) => field.path);
      expect(await paths({})).toEqual(['input.clientSecret']);
      expect(await paths({ clientSecret: 's', issuer: 'ftp://provider.example' })).toEqual(['input.issuer']);
      expect(await paths({ clientSecret: 's', allowedDomains: ['not a domain'] })).toEqual(['input.allowedDomains']);
      expect(await t.dataSource.query('SELECT 1 FROM sso_configurations WHERE organization_id = $1', [other.id])).toEqual([]);
    });
  });

  describe('signing in', () => {
    it('creates an unknown user of an allowed domain just in time, with the configured role, and signs her in (audited)', async () => {
      const email = `nieuw-${unique()}@factory.test`;
      const session = await sessionFrom(await signIn(school.id, { email, email_verified: true, name: 'Noor Nieuw' }));
      expect(session.user).toMatchObject({ email, role: 'STAFF', organizationId: school.id });
      expect(dataOf(await t.gql(ME, {}, session.token)).me).toMatchObject({ email, name: 'Noor Nieuw' });
      expect(await lastAudit('user.added')).toMatchObject({ entity_id: session.user.id, after: { via: 'sso', issuer: provider.issuer } });
      expect(await lastAudit('user.signed_in')).toMatchObject({ entity_id: session.user.id, actor_user_id: session.user.id, after: { method: 'oidc', createdJustInTime: true } });

      // The next time she is the same user, not a new one.
      const again = await sessionFrom(await signIn(school.id, { email: email.toUpperCase(), email_verified: true }));
      expect(again.user.id).toBe(session.user.id);
    });

    it('signs an existing user in as herself; the one-time code works once', async () => {
      const landing = await signIn(strictSchool.id, { email: strictSchool.staff.email, email_verified: true });
      const session = await sessionFrom(landing);
      expect(session.user).toMatchObject({ id: strictSchool.staff.id, role: 'STAFF' });
      expect(dataOf(await t.gql(ME, {}, session.token)).me.id).toBe(strictSchool.staff.id);
      expect(onlyError(await t.gql(COMPLETE, { code: fragment(landing).get('code') })).extensions.code).toBe('UNAUTHENTICATED');
      expect(await lastAudit('user.signed_in')).toMatchObject({ entity_id: strictSchool.staff.id, after: { createdJustInTime: false } });
    });

    it("signs a student in through her school's provider as herself (issue #17): role STUDENT, her own profile, no staff operation", async () => {
      const student = await make.student(strictSchool);
      const account = await make.studentAccount(strictSchool, student);
      const session = await sessionFrom(await signIn(strictSchool.id, { email: student.identity.email, email_verified: true }));
      expect(session.user).toMatchObject({ id: account.id, role: 'STUDENT', studentId: student.id });
      expect(dataOf(await t.gql('{ myStudent { id } }', {}, session.token)).myStudent.id).toBe(student.id);
      expect(onlyError(await t.gql('{ students(first: 1) { totalCount } }', {}, session.token)).extensions.code).toBe('FORBIDDEN');
    });

    it.each([
      ['an unknown address where no one is created just in time', () => strictSchool, () => ({ email: `onbekend-${unique()}@factory.test`, email_verified: true }), 'unknown_user'],
      ['an address outside the allowed domains', () => school, () => ({ email: `iemand-${unique()}@elders.test`, email_verified: true }), 'email_domain_not_allowed'],
      ['an unverified address', () => school, () => ({ email: `onbevestigd-${unique()}@factory.test`, email_verified: false }), 'email_unverified'],
      ['no address at all', () => school, () => ({ name: 'Zonder Adres' }), 'email_unverified'],
      ["another organization's user", () => school, () => ({ email: strictSchool.admin.email, email_verified: true }), 'account_elsewhere'],
    ])('refuses %s, creates no one and no session, and audits it', async (_, organization, account, reason) => {
      const [users, sessions] = [await t.count('users'), await t.count('sessions')];
      expect(await refusalOf(await signIn(organization().id, account()))).toBe(reason);
      expect([await t.count('users'), await t.count('sessions')]).toEqual([users, sessions]);
      expect(await lastAudit('sso.sign_in_refused')).toMatchObject({ entity_id: organization().id, after: { reason } });
    });

    it('refuses a deactivated user, and a code issued before she was deactivated', async () => {
      const landing = await signIn(school.id, { email: `later-${unique()}@factory.test`, email_verified: true });
      const staff = await sessionFrom(await signIn(strictSchool.id, { email: strictSchool.staff.email, email_verified: true }));
      expect(staff.user.id).toBe(strictSchool.staff.id);
      const deactivate = async (admin: SignedIn, userId: string) => dataOf(await t.gql('mutation($u: ID!) { deactivateUser(userId: $u) { id } }', { u: userId }, admin.token));
      await deactivate(strictSchool.admin, strictSchool.staff.id);
      expect(await refusalOf(await signIn(strictSchool.id, { email: strictSchool.staff.email, email_verified: true }))).toBe('account_deactivated');
      expect(await lastAudit('sso.sign_in_refused')).toMatchObject({ after: { reason: 'account_deactivated', userId: strictSchool.staff.id } });

      const code = fragment(landing).get('code')!;
      const [{ id }] = await t.dataSource.query("SELECT id FROM users WHERE email LIKE 'later-%'");
      await deactivate(school.admin, id);
      expect(onlyError(await t.gql(COMPLETE, { code })).extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('tokens the provider should not have given, and browsers that replay or forge', () => {
    it.each([
      ['an ID token for another client (wrong audience)', 'stagematch-other-audience' as const],
      ['an ID token with another nonce', 'stagematch-other-nonce' as const],
    ])('refuses %s', async (_, clientId) => {
      const other = probe;
      await configure(other, clientId);
      const sessions = await t.count('sessions');
      expect(await refusalOf(await signIn(other.id, { email: `a-${unique()}@factory.test`, email_verified: true }))).toBe('token_rejected');
      expect(await t.count('sessions')).toBe(sessions);
      expect((await lastAudit('sso.sign_in_refused')).after.detail).toMatch(clientId === 'stagematch-other-nonce' ? /"nonce" claim/ : /"aud" \(audience\) claim/);
    });

    it('refuses an expired authorization code', async () => {
      const other = probe;
      await configure(other, 'stagematch-expiring');
      const wait = () => new Promise<void>((resolve) => setTimeout(resolve, 2100));
      expect(await refusalOf(await signIn(other.id, { email: `b-${unique()}@factory.test`, email_verified: true }, { beforeCallback: wait }))).toBe('token_rejected');
      expect((await lastAudit('sso.sign_in_refused')).after.detail).toMatch(/invalid_grant/);
    });

    it('refuses a replayed callback (its state is used up) and a used code under a fresh state', async () => {
      const account = { email: strictSchool.admin.email, email_verified: true };
      const callback = await atProvider(strictSchool.id, account);
      await sessionFrom(await returnTo(callback));
      expect(await refusalOf(await returnTo(callback))).toBe('invalid_state');

      // A second flow of her own, then the first flow's code in place of its own.
      const fresh = await atProvider(strictSchool.id, account);
      const replay = new URL(fresh);
      replay.searchParams.set('code', callback.searchParams.get('code')!);
      expect(await refusalOf(await returnTo(replay))).toBe('token_rejected');
      expect((await lastAudit('sso.sign_in_refused')).after.detail).toMatch(/invalid_grant/);
    });

    it('refuses a forged or missing state, and an organization without single sign-on', async () => {
      const callback = await atProvider(school.id, { email: school.staff.email, email_verified: true });
      const forged = new URL(callback);
      forged.searchParams.set('state', randomBytes(32).toString('base64url'));
      expect(await refusalOf(await returnTo(forged))).toBe('invalid_state');
      forged.searchParams.delete('state');
      expect(await refusalOf(await returnTo(forged))).toBe('invalid_state');
      expect(await lastAudit('sso.sign_in_refused')).toMatchObject({ entity_id: 'unknown', after: { reason: 'invalid_state' } });

      const without = unconfigured;
      const start = await http().get(`/auth/oidc/${without.id}/start`);
      expect(await refusalOf(new URL(start.headers.location))).toBe('unknown_organization');
      expect(await refusalOf(new URL((await http().get('/auth/oidc/not-an-id/start')).headers.location))).toBe('unknown_organization');
    });
  });
});
