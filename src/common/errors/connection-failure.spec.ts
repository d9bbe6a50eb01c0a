import { QueryFailedError } from 'typeorm';
import { isConnectionFailure } from './connection-failure';
import { ConflictError } from './domain-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionFailure', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['connection reset', withCode('ECONNRESET')],
    ['connect timed out', withCode('ETIMEDOUT')],
    ['host not found', withCode('ENOTFOUND')],
    ['every address refused (AggregateError)', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], '')],
    ['server closed the session mid-query', new Error('Connection terminated unexpectedly')],
    ['connect timeout of node-postgres', new Error('Connection terminated due to connection timeout')],
    ['no free pool connection in time', new Error('timeout exceeded when trying to connect')],
    ['SQLSTATE class 08 inside a QueryFailedError', new QueryFailedError('SELECT 1', [], withCode('08006'))],
    ['admin_shutdown (57P01)', withCode('57P01')],
    ['crash_shutdown (57P02)', withCode('57P02')],
    ['cannot_connect_now: starting up (57P03)', withCode('57P03')],
    ['too_many_connections (53300)', withCode('53300')],
    ['wrapped as a cause', new Error('lookup failed', { cause: withCode('ECONNREFUSED') })],
    ['ioredis giving up on a command', Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' })],
  ])('%s: yes', (_case, error) => {
    expect(isConnectionFailure(error)).toBe(true);
  });

  it.each([
    ['unique violation', new QueryFailedError('INSERT', [], withCode('23505'))],
    ['serialization failure', withCode('40001')],
    ['a wrong password', withCode('28P01', 'password authentication failed for user "postgres"')],
    ['a plain bug', new Error('Cannot read properties of undefined')],
    ['a domain error', new ConflictError('taken')],
    ['not an error', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: no', (_case, error) => {
    expect(isConnectionFailure(error)).toBe(false);
  });
});
