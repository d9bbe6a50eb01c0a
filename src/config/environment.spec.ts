import { randomBytes } from 'node:crypto';
import { AppRole, InvalidEnvironmentError, loadEnvironment } from './environment';
import { PUBLISHED_SECRETS } from './published-secrets';

describe('loadEnvironment', () => {
  it('gives working local defaults when nothing is set', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({
      APP_ROLE: AppRole.All,
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/stagematch',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('parses numbers and keeps explicit values', () => {
    expect(loadEnvironment({ PORT: '8080', APP_ROLE: 'worker' })).toMatchObject({ PORT: 8080, APP_ROLE: AppRole.Worker });
    expect(loadEnvironment({})).toMatchObject({ UNPLACED_ALERT_WEEKS: 6 });
    expect(loadEnvironment({ UNPLACED_ALERT_WEEKS: '8' })).toMatchObject({ UNPLACED_ALERT_WEEKS: 8 });
    expect(loadEnvironment({})).toMatchObject({ DATABASE_WAIT_SECONDS: 60, DATABASE_CONNECT_TIMEOUT_MS: 5000, SHUTDOWN_GRACE_SECONDS: 25 });
    expect(loadEnvironment({ DATABASE_WAIT_SECONDS: '0', SHUTDOWN_GRACE_SECONDS: '10' })).toMatchObject({ DATABASE_WAIT_SECONDS: 0, SHUTDOWN_GRACE_SECONDS: 10 });
  });

  it('reads TRUST_PROXY as Express takes it: off by default, a hop count, or proxy addresses', () => {
    expect(loadEnvironment({}).trustProxy).toBe(false);
    expect(loadEnvironment({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadEnvironment({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1']);
    expect(loadEnvironment({})).toMatchObject({ LOGIN_MAX_FAILURES_PER_ACCOUNT: 10, LOGIN_MAX_FAILURES_PER_IP: 100, LOGIN_FAILURE_WINDOW_SECONDS: 900 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ APP_ROLE: 'scheduler' }, 'APP_ROLE'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes' }, 'WEBHOOK_ALLOW_PRIVATE_TARGETS'],
    [{ UNPLACED_ALERT_WEEKS: '0' }, 'UNPLACED_ALERT_WEEKS'],
    [{ UNPLACED_ALERT_WEEKS: '53' }, 'UNPLACED_ALERT_WEEKS'],
    [{ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' }, 'LOGIN_MAX_FAILURES_PER_ACCOUNT'],
    [{ LOGIN_FAILURE_WINDOW_SECONDS: 'a while' }, 'LOGIN_FAILURE_WINDOW_SECONDS'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, my-proxy' }, 'TRUST_PROXY'],
    [{ DATABASE_WAIT_SECONDS: '-1' }, 'DATABASE_WAIT_SECONDS'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '50' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, 'SHUTDOWN_GRACE_SECONDS'],
  ])('refuses %j naming %s', (source, variable) => {
    expect(() => loadEnvironment(source)).toThrow(InvalidEnvironmentError);
    expect(() => loadEnvironment(source)).toThrow(new RegExp(`^Invalid environment:\\n\\s+${variable}:`));
  });

  it('keeps webhooks off private addresses unless development asks, and production never allows it', () => {
    expect(loadEnvironment({}).webhooksMayReachPrivateTargets).toBe(false);
    expect(loadEnvironment({ NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }).webhooksMayReachPrivateTargets).toBe(true);
    const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'), SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'), APP_URL: 'https://app.stagematch.test' };
    expect(loadEnvironment(production).webhooksMayReachPrivateTargets).toBe(false);
    expect(() => loadEnvironment({ ...production, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' })).toThrow(
      /^Invalid environment:\n\s+WEBHOOK_ALLOW_PRIVATE_TARGETS: must be false in production/,
    );
  });
});

describe('loadEnvironment in production', () => {
  const strong = () => randomBytes(32).toString('hex');
  const production = (overrides: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    JWT_SECRET: strong(),
    PROTECTED_ATTRIBUTES_KEY: strong(),
    SSO_ENCRYPTION_KEY: strong(),
    APP_URL: 'https://app.stagematch.test',
    ...overrides,
  });
  const refusal = (source: Record<string, string>) => {
    try {
      loadEnvironment(source);
    } catch (error) {
      if (error instanceof InvalidEnvironmentError) return error.message;
      throw error;
    }
    throw new Error('the environment was accepted');
  };

  it('starts with strong secrets of its own', () => {
    expect(loadEnvironment(production())).toMatchObject({ NODE_ENV: 'production' });
    expect(loadEnvironment(production({ JWT_SECRET: randomBytes(48).toString('base64') }))).toMatchObject({ NODE_ENV: 'production' });
  });

  it('refuses a missing or non-https APP_URL (links in e-mails point at it)', () => {
    expect(refusal({ ...production(), APP_URL: '' })).toMatch(/APP_URL: production needs the https origin/);
    expect(refusal(production({ APP_URL: 'http://app.stagematch.nl' }))).toMatch(/APP_URL: production needs the https origin/);
    expect(refusal(production({ APP_URL: 'https://app.stagematch.nl/login' }))).toMatch(/APP_URL must be an http\(s\) origin without a path/);
  });

  it('never refuses a key made with `openssl rand -hex 32`', () => {
    for (let i = 0; i < 2000; i += 1) expect(() => loadEnvironment(production())).not.toThrow();
  });

  it.each(PUBLISHED_SECRETS.filter((value) => value.length >= 32))('refuses the published %s as JWT_SECRET', (value) => {
    expect(refusal(production({ JWT_SECRET: value }))).toMatch(/\n\s+JWT_SECRET: this value is published .*`openssl rand -hex 32`/);
  });

  it.each(PUBLISHED_SECRETS.filter((value) => /^[0-9a-f]{64}$/i.test(value)))('refuses the published %s as PROTECTED_ATTRIBUTES_KEY', (value) => {
    expect(refusal(production({ PROTECTED_ATTRIBUTES_KEY: value.toUpperCase() }))).toMatch(
      /\n\s+PROTECTED_ATTRIBUTES_KEY: this value is published .*`openssl rand -hex 32`/,
    );
  });

  it.each(PUBLISHED_SECRETS.filter((value) => /^[0-9a-f]{64}$/i.test(value)))('refuses the published %s as SSO_ENCRYPTION_KEY', (value) => {
    expect(refusal(production({ SSO_ENCRYPTION_KEY: value }))).toMatch(/\n\s+SSO_ENCRYPTION_KEY: this value is published .*`openssl rand -hex 32`/);
  });

  it('refuses to start without an SSO_ENCRYPTION_KEY of its own', () => {
    const { SSO_ENCRYPTION_KEY: _, ...withoutKey } = production();
    expect(refusal(withoutKey)).toMatch(/\n\s+SSO_ENCRYPTION_KEY: this value is published/);
  });

  it.each([
    ['an SSO_ENCRYPTION_KEY of 31 bytes', { SSO_ENCRYPTION_KEY: randomBytes(31).toString('hex') }, /SSO_ENCRYPTION_KEY: .*must be 32 bytes/],
    ['a JWT_SECRET of 31 bytes', { JWT_SECRET: 'Zq8#mX2$vL9!pR4&nT7*wK1@bF5^hJ3' }, /JWT_SECRET: .*at least 32 characters/],
    ['a JWT_SECRET of 40 bytes with 4 distinct characters', { JWT_SECRET: 'wxyz'.repeat(10) }, /JWT_SECRET: too weak .*40 bytes with 4 distinct characters/],
    ['a hex JWT_SECRET of 20 bytes', { JWT_SECRET: randomBytes(20).toString('hex') }, /JWT_SECRET: too weak .*20 bytes/],
    ['a hex JWT_SECRET of 32 bytes with 8 distinct ones', { JWT_SECRET: '0123456789abcdef'.repeat(4) }, /JWT_SECRET: too weak .*32 bytes with 8 distinct bytes/],
    ['a key that is not hex', { PROTECTED_ATTRIBUTES_KEY: 'z'.repeat(64) }, /PROTECTED_ATTRIBUTES_KEY: .*must be 32 bytes written as 64 hex characters; make one with `openssl rand -hex 32`/],
    ['a key of 31 bytes', { PROTECTED_ATTRIBUTES_KEY: randomBytes(31).toString('hex') }, /PROTECTED_ATTRIBUTES_KEY: .*must be 32 bytes/],
    ['a key with 15 distinct bytes', { PROTECTED_ATTRIBUTES_KEY: Buffer.from([...Array(32).keys()].map((i) => i % 15)).toString('hex') }, /PROTECTED_ATTRIBUTES_KEY: too weak .*15 distinct bytes/],
  ])('refuses %s, saying how to make one', (_, overrides, message) => {
    const text = refusal(production(overrides));
    expect(text).toMatch(message);
    expect(text).toContain('openssl rand -hex 32');
  });

  it('accepts a key with exactly 16 distinct bytes', () => {
    const key = Buffer.from([...Array(32).keys()].map((i) => i % 16)).toString('hex');
    expect(loadEnvironment(production({ PROTECTED_ATTRIBUTES_KEY: key })).PROTECTED_ATTRIBUTES_KEY).toBe(key);
  });

  it('keeps development and test working with their own values', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'test', JWT_SECRET: 'abcd'.repeat(10) })).not.toThrow();
    expect(() => loadEnvironment({ NODE_ENV: 'development' })).not.toThrow();
  });
});

describe('SEED_DEMO_ON_EMPTY', () => {
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), PROTECTED_ATTRIBUTES_KEY: randomBytes(32).toString('hex'), SSO_ENCRYPTION_KEY: randomBytes(32).toString('hex'), APP_URL: 'https://app.stagematch.test' };

  it('is off in production unless set, on in development and test', () => {
    expect(loadEnvironment({ NODE_ENV: 'production', ...secrets }).SEED_DEMO_ON_EMPTY).toBe('false');
    expect(loadEnvironment({ NODE_ENV: 'production', ...secrets, SEED_DEMO_ON_EMPTY: 'true' }).SEED_DEMO_ON_EMPTY).toBe('true');
    expect(loadEnvironment({ NODE_ENV: 'development' }).SEED_DEMO_ON_EMPTY).toBe('true');
    expect(loadEnvironment({ NODE_ENV: 'test' }).SEED_DEMO_ON_EMPTY).toBe('true');
    expect(loadEnvironment({ NODE_ENV: 'test', SEED_DEMO_ON_EMPTY: 'false' }).SEED_DEMO_ON_EMPTY).toBe('false');
  });
});

describe('CORS_ORIGINS', () => {
  it('is empty (no origin) unless set, and takes a comma-separated list of origins', () => {
    expect(loadEnvironment({}).corsOrigins).toEqual([]);
    expect(loadEnvironment({ CORS_ORIGINS: 'https://app.stagematch.nl, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.stagematch.nl',
      'http://localhost:5173',
    ]);
  });

  it.each(['*', 'app.stagematch.nl', 'https://app.stagematch.nl/', 'https://app.stagematch.nl/graphql', 'https://App.stagematch.nl', 'ftp://files.stagematch.nl', 'null'])(
    'refuses %s naming CORS_ORIGINS',
    (entry) => {
      expect(() => loadEnvironment({ CORS_ORIGINS: `https://ok.stagematch.nl,${entry}` })).toThrow(/\n\s+CORS_ORIGINS: CORS_ORIGINS must be a comma-separated list of origins/);
    },
  );
});
