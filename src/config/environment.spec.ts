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
    expect(loadEnvironment({})).toMatchObject({ DATABASE_WAIT_SECONDS: 60, DATABASE_CONNECT_TIMEOUT_MS: 5000, SHUTDOWN_GRACE_SECONDS: 25 });
    expect(loadEnvironment({ DATABASE_WAIT_SECONDS: '0', SHUTDOWN_GRACE_SECONDS: '10' })).toMatchObject({ DATABASE_WAIT_SECONDS: 0, SHUTDOWN_GRACE_SECONDS: 10 });
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
    [{ DATABASE_WAIT_SECONDS: '-1' }, 'DATABASE_WAIT_SECONDS'],
    [{ DATABASE_CONNECT_TIMEOUT_MS: '50' }, 'DATABASE_CONNECT_TIMEOUT_MS'],
    [{ SHUTDOWN_GRACE_SECONDS: '0' }, 'SHUTDOWN_GRACE_SECONDS'],
  ])('refuses %j naming %s', (source, variable) => {
    expect(() => loadEnvironment(source)).toThrow(InvalidEnvironmentError);
    expect(() => loadEnvironment(source)).toThrow(new RegExp(`^Invalid environment:\\n\\s+${variable}:`));
  });
});
