import request from 'supertest';
import { Factories, type MadeSchool, type SignedIn } from './support/factories';
import { TestApp } from './support/test-app';

/**
 * Error and rule messages in Dutch or English (issue #19): the signed-in user's setting, else
 * Accept-Language, else English; codes, field paths and rule ids the same in both.
 */
describe('messages in the reader’s language', () => {
  let t: TestApp;
  let school: MadeSchool;
  let dutch: SignedIn;
  let english: SignedIn;
  beforeAll(async () => {
    t = await TestApp.start();
    const make = new Factories(t);
    school = await make.school();
    dutch = await make.addUser(school.admin, 'STAFF', { language: 'nl' });
    english = await make.addUser(school.admin, 'STAFF', { language: 'en' });
  });
  afterAll(() => t.stop());

  const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id } }';
  const badStudent = {
    crebo: '25655', level: 5, leerweg: 'BOL', cohort: 2025, learningWish: 'Zorg', werkprocessen: [], homePostcode: '3511', radiusKm: 10,
    availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32,
    identity: { fullName: 'Taal Student', dateOfBirth: '2007-01-01', email: 'taal.student@student.test' },
  };

  const post = (query: string, variables: Record<string, unknown>, options: { token?: string; acceptLanguage?: string } = {}) => {
    const call = request(t.app.getHttpServer()).post('/graphql').send({ query, variables });
    if (options.token) call.set('authorization', `Bearer ${options.token}`);
    if (options.acceptLanguage) call.set('accept-language', options.acceptLanguage);
    return call;
  };

  it('a Dutch user reads a rule message in Dutch, an English user in English: same code, path and rule id', async () => {
    const nl = await post(CREATE_STUDENT, { input: badStudent }, { token: dutch.token });
    const en = await post(CREATE_STUDENT, { input: badStudent }, { token: english.token });
    expect(nl.headers['content-language']).toBe('nl');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.errors[0]).toMatchObject({
      message: 'input.level: level must be 1, 2, 3 or 4 (R4)',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.level', message: 'level must be 1, 2, 3 or 4 (R4)', rule: 'R4' }] },
    });
    expect(nl.body.errors[0]).toMatchObject({
      message: 'input.level: level moet 1, 2, 3 of 4 zijn (R4)',
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.level', message: 'level moet 1, 2, 3 of 4 zijn (R4)', rule: 'R4' }] },
    });
    expect(nl.status).toBe(en.status);
  });

  it('the user’s own setting wins over Accept-Language', async () => {
    const response = await post(CREATE_STUDENT, { input: badStudent }, { token: english.token, acceptLanguage: 'nl' });
    expect(response.body.errors[0].extensions.fields[0].message).toBe('level must be 1, 2, 3 or 4 (R4)');
  });

  it('without a signed-in user: Accept-Language, else English', async () => {
    const nl = await post('{ me { id } }', {}, { acceptLanguage: 'nl-NL,nl;q=0.9,en;q=0.8' });
    const en = await post('{ me { id } }', {});
    expect(nl.body.errors[0]).toMatchObject({ message: 'Meld u eerst aan', extensions: { code: 'UNAUTHENTICATED' } });
    expect(en.body.errors[0]).toMatchObject({ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('translates request errors too (a missing variable), code unchanged', async () => {
    const nl = await post(CREATE_STUDENT, {}, { token: dutch.token });
    expect(nl.status).toBe(400);
    expect(nl.body.errors[0]).toMatchObject({ message: 'input: is verplicht', extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input', message: 'is verplicht' }] } });
  });

  it('rule messages in result types too (IneligiblePreferences), codes and reasons unchanged', async () => {
    const make = new Factories(t);
    const company = await make.company();
    const placementId = await make.publishedPlacement(company);
    await post('mutation($id: ID!) { closePlacement(id: $id) { id } }', { id: placementId }, { token: company.admin.token });
    const student = await make.student(school);
    const SET = `mutation($s: ID!, $p: [ID!]!) { setStudentPreferences(studentId: $s, placementIds: $p) {
      ... on IneligiblePreferences { code message entries { reason message } } } }`;
    const nl = (await post(SET, { s: student.id, p: [placementId] }, { token: dutch.token })).body.data.setStudentPreferences;
    const en = (await post(SET, { s: student.id, p: [placementId] }, { token: english.token })).body.data.setStudentPreferences;
    expect(en).toEqual({ code: 'INELIGIBLE_PREFERENCES', message: '1 placement cannot be matched to this student: #1 the placement is not published', entries: [{ reason: 'NOT_PUBLISHED', message: 'the placement is not published' }] });
    expect(nl).toEqual({ code: 'INELIGIBLE_PREFERENCES', message: '1 stageplaats(en) kunnen niet aan deze student gekoppeld worden: #1 de stageplaats is niet gepubliceerd', entries: [{ reason: 'NOT_PUBLISHED', message: 'de stageplaats is niet gepubliceerd' }] });
  });

  it('NOT_FOUND in Dutch names the kind of object in Dutch', async () => {
    const nl = await post('query($id: ID!) { student(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, { token: dutch.token });
    expect(nl.body.errors[0]).toMatchObject({ message: 'Student niet gevonden', extensions: { code: 'NOT_FOUND' } });
  });
});
