import request from 'supertest';
import type { GraphqlResponse } from './support/test-app';
import { TestApp } from './support/test-app';

/** In production (introspection off) no error message suggests a name in the schema. */
describe('errors in production', () => {
  let t: TestApp;
  beforeAll(
    async () =>
      (t = await TestApp.start({
        env: { NODE_ENV: 'production' },
      })),
  );
  afterAll(() => t.stop());

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    return { status: response.status, body: response.body as GraphqlResponse };
  };

  it.each([
    ['a misspelt field', '{ me { nmae } }', {}, 'Cannot query field "nmae" on type "User".', undefined],
    ['a misspelt root field', '{ placemnts { totalCount } }', {}, 'Cannot query field "placemnts" on type "Query".', undefined],
    ['a misspelt argument', '{ placements(frist: 5) { totalCount } }', {}, 'Unknown argument "frist" on field "Query.placements".', undefined],
    ['a misspelt enum value', '{ placements(filter: { leerweg: BOLL }) { totalCount } }', {}, 'Value "BOLL" does not exist in "Leerweg" enum.', undefined],
    [
      'a misspelt input field in a variable',
      'query($f: PlacementFilter) { placements(filter: $f) { totalCount } }',
      { f: { leerwg: 'BOL' } },
      'filter.leerwg: Field "leerwg" is not defined by type "PlacementFilter".',
      [{ path: 'filter.leerwg', message: 'Field "leerwg" is not defined by type "PlacementFilter".' }],
    ],
  ])('answers %s without "Did you mean"', async (_, query, variables, message, fields) => {
    const { status, body } = await post(query, variables);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', ...(fields ? { fields } : {}) } })]);
    expect(JSON.stringify(body)).not.toContain('Did you mean');
    expect(status).toBe(400);
  });

  it('refuses an operation over a limit the same way as elsewhere', async () => {
    const { status, body } = await post(`{ ${Array.from({ length: 11 }, (_, n) => `m${n}: __typename`).join(' ')} }`);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', operationLimit: 'rootFields', limit: 10 } })]);
    expect(status).toBe(400);
  });
});
