import { getNamedType, type GraphQLField, type GraphQLInputType, type GraphQLSchema, isLeafType, isNonNullType } from 'graphql';
import { guardedResolvers, type Guarded, sampleValue, schemaOf, selectionFor } from './support/allowed-roles';
import { Factories, type MadeCompany, type MadeInternship, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, TestApp } from './support/test-app';

const FILE_MINE = 'mutation($input: FileMyDiscriminationReportInput!) { fileMyDiscriminationReport(input: $input) { id } }';

/**
 * Operations a student may call that end her session: walked last would not help, walked at all
 * would sign her out of the rest. Each is still in the schema (checked below) and refuses nothing
 * of anyone else's: they act on her own account only.
 */
const SESSION_ENDING = ['logout', 'revokeSessions', 'changePassword'];

interface Person {
  studentId: string;
  userId: string;
  fullName: string;
  email: string;
  dateOfBirth: string;
}

/**
 * The schema walk (issue #17, "like the existing one for companies" in platform.e2e-spec.ts): from
 * every query and mutation a student may call (read from the running app's `@Allow(...)`, so an
 * operation added later is walked too), reading every field she may read to depth 4, with every id
 * argument set in turn to her own records and to another student's (a classmate's at her school,
 * one of another school) — nothing she gets back, data or errors, holds another student's id,
 * name, e-mail address, date of birth or user id.
 */
describe("a student's schema walk reaches no other student's data (issue #17)", () => {
  let t: TestApp;
  let make: Factories;
  let schema: GraphQLSchema;
  let guarded: Map<string, Guarded>;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let she: SignedIn;
  const people: Record<'her' | 'classmate' | 'elsewhere', Person> = {} as never;
  const records: Record<'her' | 'classmate' | 'elsewhere', string[]> = { her: [], classmate: [], elsewhere: [] };

  const identity = (name: string, dateOfBirth: string) => {
    const tag = `${name}-${Math.random().toString(36).slice(2, 8)}`;
    return { fullName: `Walk ${tag}`, dateOfBirth, email: `walk-${tag}@student.test` };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
    const placements = await Promise.all([1, 2, 3].map(() => make.publishedPlacement(company)));
    // Dates of birth unlike any other date in the data, so that finding one means finding her.
    const made: Record<keyof typeof people, MadeInternship> = {
      her: await make.internship(school, company, placements[0], { identity: identity('her', '2008-03-17') }),
      classmate: await make.internship(school, company, placements[1], { identity: identity('classmate', '2007-10-29') }),
      elsewhere: await make.internship(otherSchool, company, placements[2], { identity: identity('elsewhere', '2009-01-23') }),
    };
    for (const [who, internship] of Object.entries(made) as [keyof typeof people, MadeInternship][]) {
      const account = await make.studentAccount(who === 'elsewhere' ? otherSchool : school, internship.student);
      people[who] = { studentId: internship.student.id, userId: account.id, ...internship.student.identity };
      // Each files a report about her own internship: a report, an AFTERCARE task, audit rows and notifications of her own.
      const input = { companyId: company.id, internshipId: internship.internshipId, ground: 'AGE', description: `Melding van ${who}: te jong voor de kassa genoemd.`, incidentDate: '2026-11-02' };
      const reportId = dataOf(await t.gql(FILE_MINE, { input }, account.token)).fileMyDiscriminationReport.id;
      records[who] = [internship.student.id, account.id, internship.internshipId, internship.proposalId, reportId];
      if (who === 'her') she = account;
    }
    await t.eventsDispatched();
    schema = schemaOf(t.app);
    guarded = guardedResolvers(t.app);
  }, 240_000);
  afterAll(() => t.stop());

  /** Every root field she may call, but the public ones (signing in) and those ending her session. */
  const walkedRoots = () =>
    (['Query', 'Mutation'] as const).flatMap((root) =>
      Object.values((root === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields())
        .filter((field) => {
          const rule = guarded.get(`${root}.${field.name}`);
          return rule && !rule.public && rule.roles.includes('STUDENT') && !SESSION_ENDING.includes(field.name);
        })
        .map((field) => ({ root, field: field as GraphQLField<unknown, unknown> })),
    );

  /** The calls of one root field: once with its required arguments, then once per id with every id argument set to it. */
  function callsOf(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>, ids: string[]) {
    const hasId = (type: GraphQLInputType): boolean => getNamedType(type).name === 'ID';
    const idArgs = field.args.filter((arg) => hasId(arg.type));
    const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
    const selection = isLeafType(getNamedType(field.type)) ? '' : selectionFor(schema, guarded, 'STUDENT', getNamedType(field.type).name);
    const candidates = idArgs.length || required.length ? ids : [ids[0]];
    return candidates.map((id) => {
      const args = [...new Set([...required, ...idArgs])];
      const variables = Object.fromEntries(args.map((arg) => [arg.name, sampleValue(arg.type, id)]));
      const declared = args.length ? `(${args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ')})` : '';
      const passed = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
      return { query: `${root.toLowerCase()} ${declared} { ${field.name}${passed} ${selection} }`, variables };
    });
  }

  it('names the operations that end her session, which the walk leaves out', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const name of SESSION_ENDING) expect(mutations).toContain(name);
  });

  it("walks every field she may call with her own and others' ids: her own data comes back, nobody else's", async () => {
    const roots = walkedRoots();
    const names = roots.map(({ field }) => field.name);
    // What the foundation and this issue give her at least; others' operations join the walk by themselves.
    for (const name of ['me', 'myStudent', 'myData', 'myDiscriminationReports', 'notifications', 'fileMyDiscriminationReport', 'markNotificationsRead']) expect(names).toContain(name);

    const others = [people.classmate, people.elsewhere];
    const secrets = others.flatMap((person) => [person.studentId, person.userId, person.fullName, person.email, person.dateOfBirth]);
    const ids = [...records.her, ...records.classmate, ...records.elsewhere];
    const leaks: string[] = [];
    let seen = '';
    for (const { root, field } of roots) {
      for (const call of callsOf(root, field, ids)) {
        const response = await t.gql(call.query, call.variables, she.token);
        expect({ field: field.name, code: response.errors?.find((error) => error.extensions.code === 'INTERNAL' || error.extensions.code === 'GRAPHQL_VALIDATION_FAILED')?.message ?? null }).toEqual({ field: field.name, code: null });
        const text = JSON.stringify(response);
        // An id she sent may come back in the message refusing it ("… is not a company"): what she already had.
        // Everything else about that person (name, e-mail, birth date, the other ids) still counts.
        const sent = JSON.stringify(call.variables);
        for (const secret of secrets) if (text.includes(secret) && !sent.includes(secret)) leaks.push(`${field.name}(${JSON.stringify(call.variables)}) → ${secret}`);
        seen += text;
      }
    }
    expect(leaks).toEqual([]);
    // The walk reached her own records, so it read what there was to read.
    for (const mine of [people.her.studentId, people.her.fullName, people.her.email, people.her.dateOfBirth, ...records.her]) expect(seen).toContain(mine);
    // The names of the company and its praktijkopleider are hers to know (her internship).
    expect(seen).toContain(company.name);
  }, 300_000);

  it('refuses her every field resolver reachable from her queries whose @Allow does not list STUDENT (FORBIDDEN, no value)', async () => {
    // Breadth first from her queries without required arguments, through the fields she may read, to each field she may not.
    const refused = new Map<string, string>();
    const queue: { type: string; wrap: (inner: string) => string; seen: string[] }[] = walkedRoots()
      .filter(({ root, field }) => root === 'Query' && !field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined))
      .map(({ field }) => ({ type: getNamedType(field.type).name, wrap: (inner: string) => `{ ${field.name} ${inner} }`, seen: [] }));
    while (queue.length) {
      const { type: typeName, wrap, seen } = queue.shift()!;
      const type = schema.getType(typeName);
      if (!type || isLeafType(type) || seen.includes(typeName) || !('getFields' in type)) continue;
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        if (field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
        const rule = guarded.get(`${typeName}.${field.name}`);
        const named = getNamedType(field.type);
        const leaf = isLeafType(named) ? '' : '{ __typename }';
        if (rule && !rule.public && !rule.roles.includes('STUDENT')) {
          if (!refused.has(`${typeName}.${field.name}`)) refused.set(`${typeName}.${field.name}`, wrap(`{ __typename ${field.name} ${leaf} }`));
        } else if (!isLeafType(named)) {
          queue.push({ type: named.name, wrap: (inner) => wrap(`{ __typename ${field.name} ${inner} }`), seen: [...seen, typeName] });
        }
      }
    }
    // What the foundation keeps from her: her account status and her probable duplicates (other students' ids) are her school's.
    expect([...refused.keys()]).toEqual(expect.arrayContaining(['Student.account', 'Student.probableDuplicates']));
    const answered: string[] = [];
    const forbidden: string[] = [];
    for (const [field, query] of refused) {
      const response = await t.gql(query, {}, she.token);
      const codes = (response.errors ?? []).map((error) => error.extensions.code);
      const text = JSON.stringify(response.data ?? null);
      const leaked = [people.classmate, people.elsewhere].some((person) => [person.studentId, person.fullName, person.email].some((secret) => text.includes(secret)));
      // An empty list or a null parent never reaches the field (nothing to refuse); reached, it must refuse.
      if ((codes.length && !codes.every((code) => code === 'FORBIDDEN')) || leaked) answered.push(`${field}: ${JSON.stringify(response).slice(0, 300)}`);
      if (codes.includes('FORBIDDEN')) forbidden.push(field);
    }
    expect(answered).toEqual([]);
    expect(forbidden).toEqual(expect.arrayContaining(['Student.account', 'Student.probableDuplicates']));
  });

  it('myData holds every section about her, and the sections hold her records only', async () => {
    const { myData } = dataOf(await t.gql('{ myData { studentId generatedAt sections { name rows } } }', {}, she.token));
    expect(myData.studentId).toBe(people.her.studentId);
    const sections = Object.fromEntries(myData.sections.map((section: { name: string; rows: any[] }) => [section.name, section.rows]));
    expect(Object.keys(sections)).toEqual(
      expect.arrayContaining(['account', 'profile', 'identity', 'preferences', 'proposals', 'matchExplanations', 'internships', 'poks', 'contactMoments', 'evaluations', 'discriminationReports', 'notifications', 'auditEntries']),
    );
    expect(sections.account).toEqual([expect.objectContaining({ id: people.her.userId, studentId: people.her.studentId, role: 'STUDENT' })]);
    expect(JSON.stringify(sections.account)).not.toMatch(/password/i);
    expect(sections.identity).toEqual([expect.objectContaining({ fullName: people.her.fullName, dateOfBirth: people.her.dateOfBirth, email: people.her.email })]);
    expect(sections.proposals.map((row: any) => row.studentId)).toEqual([people.her.studentId]);
    expect(sections.internships).toEqual([expect.objectContaining({ id: records.her[2], company: company.name, praktijkopleiders: [expect.objectContaining({ name: expect.any(String) })] })]);
    expect(sections.poks.length).toBeGreaterThan(0);
    expect(sections.poks.every((row: any) => row.internshipId === records.her[2])).toBe(true);
    expect(sections.matchExplanations).toEqual([expect.objectContaining({ studentId: people.her.studentId, placementIds: [expect.any(String)] })]);
    expect(sections.discriminationReports).toEqual([expect.objectContaining({ id: records.her[4], filedByStudent: true, shareIdentityWithCompany: false, status: 'RECEIVED' })]);
    expect(sections.notifications.every((row: any) => row.userId === people.her.userId)).toBe(true);
    const audited = sections.auditEntries.map((row: any) => `${row.entityType}:${row.entityId}`);
    expect(audited).toEqual(expect.arrayContaining([`internship:${records.her[2]}`, `discrimination_report:${records.her[4]}`, `student:${people.her.studentId}`]));
  });
});
