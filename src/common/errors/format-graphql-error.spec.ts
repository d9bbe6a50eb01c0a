import { formatGraphqlError } from './format-graphql-error';

describe('formatGraphqlError', () => {
  it('keeps our codes and field lists', () => {
    const error = { message: 'input.crebo: bad', extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.crebo' }] } };
    expect(formatGraphqlError(error, false)).toMatchObject({ message: 'input.crebo: bad', extensions: error.extensions });
  });

  it("maps Apollo's request errors to BAD_USER_INPUT", () => {
    const formatted = formatGraphqlError({ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, false);
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('treats a variable that does not coerce as BAD_USER_INPUT, whatever code Apollo gave it', () => {
    const message = 'Variable "$input" got invalid value "NOPE" at "input.eventTypes[0]"';
    expect(formatGraphqlError({ message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, false).extensions?.code).toBe('BAD_USER_INPUT');
    expect(formatGraphqlError({ message: 'boom', path: ['me'] }, false).extensions?.code).toBe('INTERNAL');
  });

  it('hides internal messages and stack traces outside development', () => {
    const error = { message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db'] } };
    expect(formatGraphqlError(error, false)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(formatGraphqlError(error, true).extensions).toEqual({ code: 'INTERNAL', stacktrace: ['at db'] });
  });

  it('turns an uncoded error caused by an unreachable database into SERVICE_UNAVAILABLE without its address', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    const formatted = formatGraphqlError({ message: 'Context creation failed: connect ECONNREFUSED 10.0.0.7:5432' }, false, cause);
    expect(formatted.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(formatted.message).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(formatGraphqlError({ message: 'boom' }, false, new Error('boom')).extensions?.code).toBe('INTERNAL');
    const conflict = { message: 'taken', extensions: { code: 'CONFLICT' } };
    expect(formatGraphqlError(conflict, false, cause).extensions?.code).toBe('CONFLICT');
  });
});
