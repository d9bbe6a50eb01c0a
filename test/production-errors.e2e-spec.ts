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
    ['a misspelt field', '{ me { nmae } }', {}, 'Cannot query field "nmae" on type "User".'],
    ['a misspelt root field', '{ placemnts { totalCount } }', {}, 'Cannot query field "placemnts" on type "Query".'],
    ['a misspelt argument', '{ placements(frist: 5) { totalCount } }', {}, 'Unknown argument "frist" on field "Query.placements".'],
    ['a misspelt enum value', '{ placements(filter: { leerweg: BOLL }) { totalCount } }', {}, 'Value "BOLL" does not exist in "Leerweg" enum.'],
    [
      'a misspelt input field in a variable',
      'query($f: PlacementFilter) { placements(filter: $f) { totalCount } }',
      { f: { leerwg: 'BOL' } },
      'Variable "$f" got invalid value { leerwg: "BOL" }; Field "leerwg" is not defined by type "PlacementFilter".',
    ],
  ])('answers %s without "Did you mean"', async (_, query, variables, message) => {
    const { status, body } = await post(query, variables);
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } })]);
    expect(JSON.stringify(body)).not.toContain('Did you mean');
    expect(status).toBe(400);
  });

  it('refuses an operation over a limit the same way as elsewhere', async () => {
    const { status, body } = await post(`{ ${Array.from({ length: 11 }, (_, n) => `m${n}: __typename`).join(' ')} }`);
    expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', operationLimit: 'rootFields', limit: 10 } })]);
    expect(status).toBe(400);
  });
});
