import { AppRole, InvalidEnvironmentError, loadEnvironment } from './environment';

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
    [{ UNPLACED_ALERT_WEEKS: '0' }, 'UNPLACED_ALERT_WEEKS'],
    [{ UNPLACED_ALERT_WEEKS: '53' }, 'UNPLACED_ALERT_WEEKS'],
    [{ LOGIN_MAX_FAILURES_PER_ACCOUNT: '0' }, 'LOGIN_MAX_FAILURES_PER_ACCOUNT'],
    [{ LOGIN_FAILURE_WINDOW_SECONDS: 'a while' }, 'LOGIN_FAILURE_WINDOW_SECONDS'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, my-proxy' }, 'TRUST_PROXY'],
  ])('refuses %j naming %s', (source, variable) => {
    expect(() => loadEnvironment(source)).toThrow(InvalidEnvironmentError);
    expect(() => loadEnvironment(source)).toThrow(new RegExp(`^Invalid environment:\\n\\s+${variable}:`));
  });
});
