import type { ParsedMail } from 'mailparser';
import { hashSecretToken } from '../src/common/auth/secret-token';
import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { eventually, startSmtpServer } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const INVITE = 'mutation($input: AddUserInput!) { inviteUser(input: $input) { id email role status expiresAt } }';
const RESEND = 'mutation($id: ID!) { resendInvitation(id: $id) { id status expiresAt } }';
const REVOKE = 'mutation($id: ID!) { revokeInvitation(id: $id) { id status } }';
const INVITATIONS = '{ invitations(first: 50) { edges { node { id email status userId } } } }';
const ACCEPT = 'mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token user { id email role language organizationId } } }';
const ME = '{ me { id email role } }';
const APP_URL = 'https://app.stagematch.test';
const PASSWORD = 'lantaarn-fietsbel-kiwi-42';

describe('invitations: an admin invites by e-mail, the invitee sets her own password', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let platform: SignedIn;
  const clock = new TestClock();
  let invitees = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await TestApp.start({ clock, env: { SMTP_URL: smtp.url, APP_URL } });
    const make = new Factories(t);
    [school, otherSchool, platform] = await Promise.all([make.school(), make.school(), make.platformAdmin()]);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const newAddress = () => `invitee-${++invitees}-${Date.now()}@invitations.test`;
  const mailsTo = (address: string) => smtp.messages.filter((mail) => (mail.to as { value: { address: string }[] }).value[0].address === address);
  /** The n-th (1-based) e-mail to the address, once it arrived. */
  const mail = (address: string, n = 1) => eventually(() => mailsTo(address)[n - 1]);
  const tokenIn = (message: ParsedMail) => {
    const match = new RegExp(`${APP_URL}/accept-invitation#token=(\\S+)`).exec(message.text ?? '');
    if (!match) throw new Error(`no invitation link in: ${message.text}`);
    return match[1];
  };
  const invite = async (input: Record<string, unknown>, token = school.admin.token) => dataOf(await t.gql(INVITE, { input: { name: 'Nieuwe Mentor', role: 'STAFF', ...input } }, token)).inviteUser;
  const accept = (token: string, password = PASSWORD) => t.gql(ACCEPT, { t: token, p: password });
  const ruleOf = (response: Awaited<ReturnType<typeof accept>>) => onlyError(response).extensions.fields?.[0];
  const LINK_INVALID = { path: 'token', rule: 'LINK_INVALID', message: expect.stringMatching(/unknown, was already used, was revoked or has expired/) };

  it('mails a Dutch link to the app; she chooses her password, is signed in with the role she was invited with, and the link works once', async () => {
    const email = newAddress();
    const invitation = await invite({ email, role: 'ADMIN' });
    expect(invitation).toMatchObject({ email, role: 'ADMIN', status: 'OPEN' });
    expect(Date.parse(invitation.expiresAt) - clock.now().getTime()).toBe(7 * 24 * 3600_000);

    const message = await mail(email);
    expect(message.subject).toBe(`Uitnodiging voor Stagematch namens ${school.name}`);
    expect(message.text).toContain('Kies hier uw wachtwoord');
    const token = tokenIn(message);
    // Only the token's SHA-256 is stored, and the audit holds neither.
    const [row] = await t.dataSource.query('SELECT token_hash FROM invitations WHERE id = $1', [invitation.id]);
    expect(row.token_hash).toBe(hashSecretToken(token));
    const audit = await t.dataSource.query(`SELECT action, actor_user_id, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`, [invitation.id]);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(row.token_hash);

    const accepted = dataOf(await accept(token)).acceptInvitation;
    expect(accepted.user).toMatchObject({ email, role: 'ADMIN', organizationId: school.id });
    expect(dataOf(await t.gql(ME, {}, accepted.token)).me.email).toBe(email);
    expect(await t.login(email, PASSWORD)).toEqual(expect.any(String));

    expect(ruleOf(await accept(token, 'another-long-pass-phrase-9'))).toEqual(LINK_INVALID);
    const listed = dataOf(await t.gql(INVITATIONS, {}, school.admin.token)).invitations.edges.map((edge: { node: unknown }) => edge.node);
    expect(listed).toContainEqual({ id: invitation.id, email, status: 'ACCEPTED', userId: accepted.user.id });
    expect((await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [invitation.id])).map((r: { action: string }) => r.action)).toEqual([
      'invitation.created',
      'invitation.accepted',
    ]);
  });

  it('writes in English to an invitee whose language is en', async () => {
    const email = newAddress();
    await invite({ email, language: 'en' });
    const message = await mail(email);
    expect(message.subject).toBe(`Invitation to Stagematch for ${school.name}`);
    const accepted = dataOf(await accept(tokenIn(message))).acceptInvitation;
    expect(accepted.user.language).toBe('en');
  });

  it('refuses a weak password naming the rule, and the link stays usable', async () => {
    const email = newAddress();
    await invite({ email });
    const token = tokenIn(await mail(email));
    expect(ruleOf(await accept(token, 'welkom123456'))).toMatchObject({ path: 'password', rule: 'PASSWORD_GUESSABLE' });
    expect(ruleOf(await accept(token, 'invitations.test2026'))).toMatchObject({ path: 'password', rule: 'PASSWORD_GUESSABLE' }); // her own address
    expect(await t.count(`users WHERE email = '${email}'`)).toBe(0);
    expect(dataOf(await accept(token)).acceptInvitation.user.email).toBe(email);
  });

  it('expires after 7 days; sending it again makes a new link for 7 more days and ends the old one', async () => {
    const email = newAddress();
    const { id } = await invite({ email });
    const first = tokenIn(await mail(email));
    try {
      clock.advance({ days: 7, minutes: 1 });
      expect(ruleOf(await accept(first))).toEqual(LINK_INVALID);
      expect(dataOf(await t.gql(INVITATIONS, {}, school.admin.token)).invitations.edges.find((edge: { node: { id: string } }) => edge.node.id === id).node.status).toBe('EXPIRED');

      const resent = dataOf(await t.gql(RESEND, { id }, school.admin.token)).resendInvitation;
      expect(resent.status).toBe('OPEN');
      const second = tokenIn(await mail(email, 2));
      expect(second).not.toBe(first);
      expect(ruleOf(await accept(first))).toEqual(LINK_INVALID);
      expect(dataOf(await accept(second)).acceptInvitation.user.email).toBe(email);
    } finally {
      clock.set(new Date());
    }
  });

  it('a revoked invitation, a forged token and a random string get the same refusal; revoking is for its own organization only', async () => {
    const email = newAddress();
    const { id } = await invite({ email });
    const token = tokenIn(await mail(email));
    expect(onlyError(await t.gql(REVOKE, { id }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(RESEND, { id }, otherSchool.admin.token)).extensions.code).toBe('NOT_FOUND');
    expect(dataOf(await t.gql(REVOKE, { id }, school.admin.token)).revokeInvitation.status).toBe('REVOKED');
    const revoked = onlyError(await accept(token));
    const forged = onlyError(await accept(`${token.slice(0, -2)}xx`));
    const random = onlyError(await accept('not-a-token-at-all'));
    expect(revoked).toEqual(forged);
    expect(revoked).toEqual(random);
    expect(revoked.extensions.fields).toEqual([LINK_INVALID]);
    expect(await t.count(`users WHERE email = '${email}'`)).toBe(0);
  });

  it('is for organization admins: staff are FORBIDDEN, an open invitation is not made twice', async () => {
    const email = newAddress();
    expect(onlyError(await t.gql(INVITE, { input: { email, name: 'X', role: 'STAFF' } }, school.staff.token)).extensions.code).toBe('FORBIDDEN');
    await invite({ email });
    expect(onlyError(await t.gql(INVITE, { input: { email, name: 'X', role: 'STAFF' } }, school.admin.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.email', rule: 'INVITATION_OPEN' }),
    ]);
  });

  describe("createOrganization: the first admin is invited, nobody chooses her password (issue #15)", () => {
    const CREATE = 'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name } }';
    const FIRST_INVITATIONS = 'query($id: ID!) { organization(id: $id) { invitations(first: 10) { edges { node { id email role language status } } } } }';
    const createCompany = async (email: string, language = 'en') => {
      const kvkNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
      const input = { type: 'COMPANY', name: `Bakkerij ${kvkNumber}`, kvkNumber, sector: 'VOEDSEL_GROEN_GASTVRIJHEID', firstAdmin: { email, name: 'Fatima el Amrani', language } };
      return dataOf(await t.gql(CREATE, { input }, platform.token)).createOrganization;
    };
    const invitationsOf = async (organizationId: string, token = platform.token) => dataOf(await t.gql(FIRST_INVITATIONS, { id: organizationId }, token)).organization.invitations.edges.map((edge: { node: unknown }) => edge.node);

    it('the organization exists at once; she gets the invitation e-mail in her language, accepts it with her own password and signs in as ADMIN; audited', async () => {
      const email = newAddress();
      const organization = await createCompany(email);
      const [invitation] = await invitationsOf(organization.id);
      expect(invitation).toEqual({ id: expect.any(String), email, role: 'ADMIN', language: 'en', status: 'OPEN' });
      expect(await t.count(`users WHERE email = '${email}'`)).toBe(0);

      const message = await mail(email);
      expect(message.subject).toBe(`Invitation to Stagematch for ${organization.name}`);
      expect(message.text).toContain(`${platform.name} invites you to join ${organization.name}`);
      const accepted = dataOf(await accept(tokenIn(message))).acceptInvitation;
      expect(accepted.user).toMatchObject({ email, role: 'ADMIN', language: 'en', organizationId: organization.id });
      expect(dataOf(await t.gql(ME, {}, await t.login(email, PASSWORD))).me).toMatchObject({ email, role: 'ADMIN' });
      expect(await invitationsOf(organization.id, accepted.token)).toEqual([expect.objectContaining({ id: invitation.id, status: 'ACCEPTED' })]);

      const [created] = await t.dataSource.query(`SELECT actor_user_id, after FROM audit_log WHERE action = 'organization.created' AND entity_id = $1`, [organization.id]);
      expect(created).toMatchObject({ actor_user_id: platform.id, after: { firstAdminInvitationId: invitation.id } });
      const trail = await t.dataSource.query(`SELECT action, actor_user_id FROM audit_log WHERE entity_id = $1 ORDER BY id`, [invitation.id]);
      expect(trail).toEqual([
        { action: 'invitation.created', actor_user_id: platform.id },
        { action: 'invitation.accepted', actor_user_id: accepted.user.id },
      ]);
    });

    it("the PLATFORM admin re-sends (the old link stops working) and revokes it; other organizations' admins neither see nor touch it", async () => {
      const email = newAddress();
      const organization = await createCompany(email, 'nl');
      const [{ id }] = await invitationsOf(organization.id);
      const first = tokenIn(await mail(email));
      expect(onlyError(await t.gql(FIRST_INVITATIONS, { id: organization.id }, school.admin.token)).extensions.code).toBe('FORBIDDEN');
      expect(onlyError(await t.gql(RESEND, { id }, school.admin.token)).extensions.code).toBe('NOT_FOUND');
      expect(onlyError(await t.gql(REVOKE, { id }, school.admin.token)).extensions.code).toBe('NOT_FOUND');

      expect(dataOf(await t.gql(RESEND, { id }, platform.token)).resendInvitation.status).toBe('OPEN');
      const second = tokenIn(await mail(email, 2));
      expect(ruleOf(await accept(first))).toEqual(LINK_INVALID);
      expect(dataOf(await t.gql(REVOKE, { id }, platform.token)).revokeInvitation.status).toBe('REVOKED');
      expect(ruleOf(await accept(second))).toEqual(LINK_INVALID);
      expect(await t.count(`users WHERE email = '${email}'`)).toBe(0);
      expect((await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id])).map((r: { action: string }) => r.action)).toEqual([
        'invitation.created',
        'invitation.resent',
        'invitation.revoked',
      ]);
    });
  });
});
