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

  it('removes every "Did you mean" suggestion when asked (production), and keeps them otherwise', () => {
    const messages = [
      ['Cannot query field "nmae" on type "User". Did you mean "name"?', 'Cannot query field "nmae" on type "User".'],
      ['Unknown argument "frist" on field "Query.placements". Did you mean "first" or "after"?', 'Unknown argument "frist" on field "Query.placements".'],
      ['Value "BOLL" does not exist in "Leerweg" enum. Did you mean the enum value "BOL" or "BBL"?', 'Value "BOLL" does not exist in "Leerweg" enum.'],
      ['Cannot query field "x" on type "Node". Did you mean to use an inline fragment on "User"?', 'Cannot query field "x" on type "Node".'],
    ];
    for (const [message, hidden] of messages) {
      const error = { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
      expect(formatGraphqlError(error, false, { hideSuggestions: true }).message).toBe(hidden);
      expect(formatGraphqlError(error, true).message).toBe(message);
    }
  });

  it("reports graphql-js's token limit like the other operation limits", () => {
    const error = { message: 'Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } };
    expect(formatGraphqlError(error, false)).toMatchObject({
      message: 'The operation has more tokens than the limit of 5000',
      extensions: { code: 'BAD_USER_INPUT', operationLimit: 'tokens', limit: 5000 },
    });
  });

  it('turns an uncoded error caused by an unreachable database into SERVICE_UNAVAILABLE without its address', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    const formatted = formatGraphqlError({ message: 'Context creation failed: connect ECONNREFUSED 10.0.0.7:5432' }, false, { cause });
    expect(formatted.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(formatted.message).not.toMatch(/ECONNREFUSED|10\.0\.0\.7/);
    expect(formatGraphqlError({ message: 'boom' }, false, { cause: new Error('boom') }).extensions?.code).toBe('INTERNAL');
    const conflict = { message: 'taken', extensions: { code: 'CONFLICT' } };
    expect(formatGraphqlError(conflict, false, { cause }).extensions?.code).toBe('CONFLICT');
  });
});
