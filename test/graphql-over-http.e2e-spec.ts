import request from 'supertest';
import { graphqlResponseStatus, preferredResponseType } from '../src/common/graphql/graphql-over-http';
import { Factories, type MadeSchool } from './support/factories';
import { TestApp } from './support/test-app';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/**
 * GraphQL over HTTP (issue #19): a client that accepts `application/graphql-response+json` gets it,
 * with 400 for parse, validation and variable errors and 200 once execution started; plain
 * `application/json` keeps working as before; never a 500 for the client's mistake.
 */
describe('GraphQL over HTTP', () => {
  let t: TestApp;
  let school: MadeSchool;
  beforeAll(async () => {
    t = await TestApp.start();
    school = await new Factories(t).school();
  });
  afterAll(() => t.stop());

  const post = (body: unknown, accept?: string, token?: string) => {
    const call = request(t.app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (accept) call.set('accept', accept);
    if (token) call.set('authorization', `Bearer ${token}`);
    return call.send(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const student = (crebo: string) => ({
    crebo, level: 3, leerweg: 'BOL', cohort: 2025, learningWish: 'Zorg', werkprocessen: [], homePostcode: '3511', radiusKm: 10,
    availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32,
    identity: { fullName: 'Http Student', dateOfBirth: '2007-01-01', email: `http.${crebo}@student.test` },
  });
  const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';

  describe('with Accept: application/graphql-response+json', () => {
    it('answers a good query with that media type and 200', async () => {
      const response = await post({ query: '{ me { id } }' }, GRAPHQL_RESPONSE, school.staff.token);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
      expect(JSON.parse(response.text)).toEqual({ data: { me: { id: expect.any(String) } } });
    });

    it.each([
      ['a parse error', { query: '{ me { id ' }],
      ['a validation error', { query: '{ me { noSuchField } }' }],
      ['a variable of the wrong type', { query: CREATE_STUDENT, variables: { input: { ...student('25655'), level: 'three' } } }],
      ['a missing required variable', { query: CREATE_STUDENT, variables: {} }],
      ['no query at all', { variables: {} }],
    ])('answers %s with 400 and no data (code BAD_USER_INPUT, our vocabulary)', async (_what, body) => {
      const response = await post(body, GRAPHQL_RESPONSE, school.staff.token);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
      const result = JSON.parse(response.text);
      expect(result).not.toHaveProperty('data');
      expect(result.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('answers 200 with the error once execution started (a resolver refusing bad input)', async () => {
      const response = await post({ query: CREATE_STUDENT, variables: { input: student('1234') } }, GRAPHQL_RESPONSE, school.staff.token);
      expect(response.status).toBe(200);
      const result = JSON.parse(response.text);
      expect(result).toHaveProperty('data');
      expect(result.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.crebo' })] });
    });

    it('answers 200 for an execution error with partial data (not signed in)', async () => {
      const response = await post({ query: '{ me { id } }' }, GRAPHQL_RESPONSE);
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('with Accept: application/json (or none), as before', () => {
    it.each([['application/json'], [undefined]])('answers a good query as application/json (Accept: %s)', async (accept) => {
      const response = await post({ query: '{ me { id } }' }, accept, school.staff.token);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('keeps 400 for BAD_USER_INPUT from a resolver', async () => {
      const response = await post({ query: CREATE_STUDENT, variables: { input: student('1234') } }, 'application/json', school.staff.token);
      expect(response.status).toBe(400);
      expect(response.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('answers a validation error with 400', async () => {
      const response = await post({ query: '{ me { noSuchField } }' }, 'application/json', school.staff.token);
      expect(response.status).toBe(400);
    });
  });

  it('lets no browser or proxy keep an answer: Cache-Control no-store on data, errors and refusals alike', async () => {
    const answers = [
      await post({ query: '{ me { id } }' }, GRAPHQL_RESPONSE, school.staff.token),
      await post({ query: '{ students(first: 1) { totalCount } }' }, undefined, school.staff.token),
      await post({ query: '{ me { nope } }' }, undefined, school.staff.token),
      await post({ query: '{ me { id } }' }),
    ];
    expect(answers.map((answer) => answer.headers['cache-control'])).toEqual(['no-store', 'no-store', 'no-store', 'no-store']);
  });

  it('answers malformed JSON with a 400, never a 500', async () => {
    for (const accept of [GRAPHQL_RESPONSE, 'application/json']) {
      const response = await post('{"query": "{ me { id } }"', accept, school.staff.token);
      expect(response.status).toBe(400);
    }
  });

  it('answers an Accept header it cannot satisfy with 406', async () => {
    const response = await post({ query: '{ me { id } }' }, 'text/csv', school.staff.token);
    expect(response.status).toBe(406);
  });

  it('negotiates like the spec: graphql-response+json when preferred or tied and named first', () => {
    expect(preferredResponseType(undefined)).toBe('application/json');
    expect(preferredResponseType('application/json')).toBe('application/json');
    expect(preferredResponseType('application/graphql-response+json')).toBe(GRAPHQL_RESPONSE);
    expect(preferredResponseType('application/graphql-response+json, application/json;q=0.9')).toBe(GRAPHQL_RESPONSE);
    expect(preferredResponseType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(preferredResponseType('application/json;q=0.5, application/graphql-response+json')).toBe(GRAPHQL_RESPONSE);
    expect(preferredResponseType('*/*')).toBe('application/json');
    expect(graphqlResponseStatus(400, false, false)).toBe(400);
    expect(graphqlResponseStatus(400, true, true)).toBe(200);
    expect(graphqlResponseStatus(503, true, true)).toBe(503);
    expect(graphqlResponseStatus(503, true, false)).toBe(200);
  });
});
