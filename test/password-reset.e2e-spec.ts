import { Queue } from 'bullmq';
import request from 'supertest';
import { redisConnectionOptions } from '../src/common/redis';
import { QueueName } from '../src/queues/queues';
import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { eventually, startSmtpServer } from './support/receivers';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';
const ME = '{ me { id } }';
const APP_URL = 'https://app.stagematch.test';
const NEW_PASSWORD = 'molen-kaasschaaf-tulp-77';

describe('password reset: the same answer for every address, a single-use link valid one hour, every session ended', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let make: Factories;
  let school: MadeSchool;
  let accountMail: Queue;
  const clock = new TestClock();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // Three requests per address within the window; the client address limit is left high.
    t = await TestApp.start({ clock, env: { SMTP_URL: smtp.url, APP_URL, LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
    accountMail = new Queue(QueueName.ACCOUNT_EMAIL, { connection: redisConnectionOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: t.queuePrefix });
    make = new Factories(t);
    school = await make.school();
  });
  afterAll(async () => {
    await accountMail.close();
    await t.stop();
    await smtp.close();
  });

  const post = (query: string, variables: Record<string, unknown>) => request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
  /** Reset e-mails only: the factories' users were mailed their invitations first. */
  const mailsTo = (address: string) =>
    smtp.messages.filter((mail) => (mail.to as { value: { address: string }[] }).value[0].address === address && mail.text?.includes('/reset-password#'));
  const linkIn = async (address: string, n = 1) => {
    const message = await eventually(() => mailsTo(address)[n - 1]);
    const match = new RegExp(`${APP_URL}/reset-password#token=(\\S+)`).exec(message.text ?? '');
    if (!match) throw new Error(`no reset link in: ${message.text}`);
    return { message, token: match[1] };
  };
  const allSent = () => eventually(async () => Object.values(await accountMail.getJobCounts('waiting', 'active', 'delayed')).every((count) => count === 0));
  const newUser = (language: 'nl' | 'en' = 'nl'): Promise<SignedIn> => make.addUser(school.admin, 'STAFF', { language });

  it('answers an unknown address exactly as a known one, and mails only the known one', async () => {
    const user = await newUser();
    const unknown = `nobody-${Date.now()}@password-reset.test`;
    const [forUnknown, forKnown] = [await post(REQUEST, { e: unknown }), await post(REQUEST, { e: user.email.toUpperCase() })];
    expect([forUnknown.status, forUnknown.body]).toEqual([forKnown.status, forKnown.body]);
    expect(forKnown.body).toEqual({ data: { requestPasswordReset: true } });
    const { message } = await linkIn(user.email);
    expect(message.subject).toBe('Uw Stagematch-wachtwoord opnieuw instellen');
    await allSent();
    expect(mailsTo(unknown)).toEqual([]);
    expect(await t.count(`password_resets`)).toBe(1);
  });

  it('sets the new password, ends every session of hers, and the link works once', async () => {
    const user = await newUser('en');
    const other = await t.login(user.email, user.password);
    dataOf(await t.gql(REQUEST, { e: user.email }));
    const { message, token } = await linkIn(user.email);
    expect(message.subject).toBe('Reset your Stagematch password');

    expect(onlyError(await t.gql(RESET, { t: token, p: 'password1234' })).extensions.fields).toEqual([expect.objectContaining({ path: 'password', rule: 'PASSWORD_GUESSABLE' })]);
    expect(dataOf(await t.gql(RESET, { t: token, p: NEW_PASSWORD })).resetPassword).toBe(true);
    for (const old of [user.token, other]) expect(onlyError(await t.gql(ME, {}, old)).extensions.code).toBe('UNAUTHENTICATED');
    expect(await t.login(user.email, NEW_PASSWORD)).toEqual(expect.any(String));
    expect(onlyError(await t.gql('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: user.email, p: user.password })).extensions.code).toBe('UNAUTHENTICATED');

    const reused = onlyError(await t.gql(RESET, { t: token, p: 'yet-another-long-phrase-3' }));
    const forged = onlyError(await t.gql(RESET, { t: `${token.slice(0, -3)}abc`, p: 'yet-another-long-phrase-3' }));
    expect(reused.extensions.fields).toEqual([expect.objectContaining({ path: 'token', rule: 'LINK_INVALID' })]);
    expect(forged).toEqual(reused);
    expect(await t.count(`audit_log WHERE action = 'user.password_reset' AND entity_id = '${user.id}'`)).toBe(1);
  });

  it('refuses a link older than one hour', async () => {
    const user = await newUser();
    dataOf(await t.gql(REQUEST, { e: user.email }));
    const { token } = await linkIn(user.email);
    try {
      clock.advance({ minutes: 61 });
      expect(onlyError(await t.gql(RESET, { t: token, p: NEW_PASSWORD })).extensions.fields).toEqual([expect.objectContaining({ path: 'token', rule: 'LINK_INVALID' })]);
      expect(await t.login(user.email, user.password)).toEqual(expect.any(String));
    } finally {
      clock.set(new Date());
    }
  });

  it('throttles requests per address, known or not, alike; signing in is not held up by them', async () => {
    const user = await newUser();
    const unknown = `nobody-else-${Date.now()}@password-reset.test`;
    for (const address of [user.email, unknown]) {
      for (let n = 1; n <= 3; n += 1) expect((await post(REQUEST, { e: address })).body).toEqual({ data: { requestPasswordReset: true } });
    }
    const [known, other] = [await post(REQUEST, { e: user.email }), await post(REQUEST, { e: unknown })];
    expect(known.status).toBe(other.status);
    expect(onlyError(known.body).extensions.code).toBe('RATE_LIMITED');
    // Alike but for the seconds to wait (the two windows started a moment apart).
    const shape = (body: typeof known.body) => JSON.stringify(onlyError(body)).replace(/\d+/g, 'N');
    expect(shape(known.body)).toBe(shape(other.body));
    expect(onlyError(known.body).message).toMatch(/^Too many password-reset requests; try again in \d+ seconds$/);
    expect(await t.login(user.email, user.password)).toEqual(expect.any(String));
  });
});
