import { getNamedType, isLeafType, isNonNullType, type GraphQLField } from 'graphql';
import request from 'supertest';
import { guardedResolvers, type Guarded, sampleValue, schemaOf } from './support/allowed-roles';
import { Factories, type MadeCompany, type MadeInternship, type MadeSchool, type SignedIn } from './support/factories';
import { eventually } from './support/receivers';
import { dataOf, type GraphqlResponse, TestApp } from './support/test-app';

const FILE_MINE = 'mutation($input: FileMyDiscriminationReportInput!) { fileMyDiscriminationReport(input: $input) { id studentId internshipId } }';
const INBOX = '{ notifications(first: 50) { totalCount edges { node { id } } } }';
const MARK_READ = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';

/**
 * Cross-tenant (issue #17): a student signed in as herself against another student of her school,
 * against another school's data, and against every operation that is not hers (company-only,
 * SBB-only, school-staff-only, the operator's): FORBIDDEN or NOT_FOUND, and nothing leaks. The
 * last list is read from the running app's resolvers and `@Allow(...)`, so an operation added later
 * is covered without editing this file.
 */
describe('a student against what is not hers (issue #17, cross-tenant)', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let hers: MadeInternship;
  let classmates: MadeInternship;
  let elsewhere: MadeInternship;
  let she: SignedIn;
  let classmate: SignedIn;
  let guarded: Map<string, Guarded>;

  const codeOf = (response: GraphqlResponse) => response.errors?.[0]?.extensions.code ?? null;
  const report = (change: Record<string, unknown>) => ({
    companyId: company.id,
    ground: 'GENDER',
    description: 'Op de eerste dag werd gezegd dat meisjes niet in de werkplaats horen.',
    incidentDate: '2026-11-20',
    ...change,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
    const [first, second, third] = await Promise.all([make.publishedPlacement(company), make.publishedPlacement(company), make.publishedPlacement(company)]);
    hers = await make.internship(school, company, first);
    classmates = await make.internship(school, company, second);
    elsewhere = await make.internship(otherSchool, company, third);
    [she, classmate] = await Promise.all([make.studentAccount(school, hers.student), make.studentAccount(school, classmates.student)]);
    guarded = guardedResolvers(t.app);
  }, 180_000);
  afterAll(() => t.stop());

  it('refuses her every query and mutation whose @Allow does not list STUDENT: FORBIDDEN, no data (one request each)', async () => {
    const schema = schemaOf(t.app);
    const refused: string[] = [];
    const answered: string[] = [];
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        const rule = guarded.get(`${root}.${field.name}`);
        expect({ field: `${root}.${field.name}`, found: !!rule }).toEqual({ field: `${root}.${field.name}`, found: true });
        if (rule!.public || rule!.roles.includes('STUDENT')) continue;
        const args = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
        const variables = Object.fromEntries(args.map((arg) => [arg.name, sampleValue(arg.type, classmates.student.id)]));
        const declared = args.length ? `(${args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})` : '';
        const passed = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
        const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
        const response = await t.gql(`${root.toLowerCase()} ${declared} { ${field.name}${passed} ${selection} }`, variables, she.token);
        (codeOf(response) === 'FORBIDDEN' && (response.data?.[field.name] ?? null) === null ? refused : answered).push(`${field.name}: ${JSON.stringify(response).slice(0, 200)}`);
      }
    }
    expect(answered).toEqual([]);
    // The company-only, SBB-only and staff-only operations the issue names are among them.
    const names = refused.map((line) => line.split(':')[0]);
    for (const name of [
      'complianceOverview',
      'auditLog',
      'adverseImpactAudit',
      'createReportExport',
      'createPlacement',
      'grantAccreditation',
      'revokeAccreditation',
      'discriminationReports',
      'discriminationReport',
      'sanctionDiscriminationReport',
      'students',
      'student',
      'inviteStudent',
      'openMatchRound',
      'schoolTasks',
      'companyCompliance',
    ]) {
      expect(names).toContain(name);
    }
  }, 120_000);

  it('imports nothing: POST /imports/students with her token is 403, as for a company', async () => {
    const csv = 'studentNumber;crebo\n1;25655\n';
    for (const kind of ['students', 'placements', 'qualifications']) {
      const response = await request(t.app.getHttpServer())
        .post(`/imports/${kind}?dryRun=true`)
        .set('Authorization', `Bearer ${she.token}`)
        .attach('file', Buffer.from(csv), { filename: 'rows.csv', contentType: 'text/csv' });
      expect({ kind, status: response.status }).toEqual({ kind, status: 403 });
    }
  });

  it("files no report about a classmate's or another school's internship: NOT_FOUND, as an unknown id; nothing written, no task", async () => {
    const [before, tasks] = [await t.count('discrimination_reports'), await t.count('school_tasks')];
    for (const internshipId of [classmates.internshipId, elsewhere.internshipId]) {
      const response = await t.gql(FILE_MINE, { input: report({ internshipId }) }, she.token);
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(JSON.stringify(response)).not.toContain(classmates.student.id);
    }
    expect([await t.count('discrimination_reports'), await t.count('school_tasks')]).toEqual([before, tasks]);
    // Her own internship there she may name.
    expect(dataOf(await t.gql(FILE_MINE, { input: report({ internshipId: hers.internshipId }) }, she.token)).fileMyDiscriminationReport).toMatchObject({
      studentId: hers.student.id,
      internshipId: hers.internshipId,
    });
  });

  it("reads neither a classmate's report nor her school's list: FORBIDDEN; her own list holds hers only", async () => {
    const theirs = dataOf(await t.gql(FILE_MINE, { input: report({}) }, classmate.token)).fileMyDiscriminationReport;
    expect(codeOf(await t.gql('query($id: ID!) { discriminationReport(id: $id) { id } }', { id: theirs.id }, she.token))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql('{ discriminationReports(first: 5) { totalCount } }', {}, she.token))).toBe('FORBIDDEN');
    const mine = dataOf(await t.gql('{ myDiscriminationReports(first: 50) { edges { node { id studentId } } } }', {}, she.token)).myDiscriminationReports.edges;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((edge: any) => edge.node.studentId)).toEqual(mine.map(() => hers.student.id));
    expect(mine.map((edge: any) => edge.node.id)).not.toContain(theirs.id);
  });

  it("marks none of a classmate's notifications read, and her inbox holds none of theirs", async () => {
    await t.gql(FILE_MINE, { input: report({}) }, classmate.token); // her school gets an AFTERCARE task: staff news, not hers
    const staffInbox = await eventually(async () => {
      const inbox = dataOf(await t.gql(INBOX, {}, school.staff.token)).notifications;
      return inbox.totalCount > 0 ? inbox : null;
    });
    const staffIds = staffInbox.edges.map((edge: any) => edge.node.id);
    expect(dataOf(await t.gql(MARK_READ, { ids: staffIds }, she.token)).markNotificationsRead).toBe(0);
    const hersInbox = dataOf(await t.gql(INBOX, {}, she.token)).notifications.edges.map((edge: any) => edge.node.id);
    for (const id of staffIds) expect(hersInbox).not.toContain(id);
  });

  it("changes nothing of a classmate's account: updateUser naming her user is refused and her name stays", async () => {
    const response = await t.gql('mutation($input: UpdateUserInput!) { updateUser(input: $input) { id name } }', { input: { userId: classmate.id, name: 'Overgenomen' } }, she.token);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(response));
    expect(response.data?.updateUser ?? null).toBeNull();
    expect(dataOf(await t.gql('{ me { id name } }', {}, classmate.token)).me).toEqual({ id: classmate.id, name: classmate.name });
  });

  it("cannot reach another student through node(id), nor her classmate's or another school's internship", async () => {
    for (const id of [classmates.student.id, elsewhere.student.id, classmates.internshipId, elsewhere.internshipId, hers.student.id]) {
      const response = await t.gql('query($id: ID!) { node(id: $id) { id } }', { id }, she.token);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(response));
      expect(response.data?.node ?? null).toBeNull();
    }
    for (const id of [classmates.internshipId, elsewhere.internshipId]) {
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(await t.gql('query($id: ID!) { internship(id: $id) { id } }', { id }, she.token)));
    }
  });
});
