import { Logger } from '@nestjs/common';
import { OutageLog } from './outage-log';

describe('OutageLog', () => {
  let now: number;
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;
  beforeEach(() => {
    now = 0;
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('warns once per interval however many errors arrive, counting the ones it kept quiet about', () => {
    const outage = new OutageLog('Redis', 5000, () => now);
    for (let i = 0; i < 100; i += 1) {
      outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      now += 49; // 100 errors in 4.9 s
    }
    expect(warn.mock.calls).toEqual([['Redis unavailable: connect ECONNREFUSED 127.0.0.1:6379']]);
    now = 5000;
    outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenLastCalledWith('Redis unavailable: connect ECONNREFUSED 127.0.0.1:6379 (99 more errors since the last warning)');
  });

  it('says once that the dependency is back, and warns at once when it goes down again', () => {
    const outage = new OutageLog('PostgreSQL', 5000, () => now);
    outage.recovered();
    expect(log).not.toHaveBeenCalled();
    outage.failed(new Error('Connection terminated unexpectedly'));
    now = 1000;
    outage.recovered();
    outage.recovered();
    expect(log.mock.calls).toEqual([['PostgreSQL reachable again']]);
    now = 1500;
    outage.failed(new Error('Connection terminated unexpectedly'));
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
