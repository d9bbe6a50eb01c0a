import { Factories, type MadeSchool } from './support/factories';
import { validStudent } from './support/fixtures';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id crebo level homePostcode identity { fullName } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateStudentInput!) { updateStudent(id: $id, input: $input) { id radiusKm } }';
const ARCHIVE = 'mutation($id: ID!) { archiveStudent(id: $id) { id archivedAt } }';
const READ = 'query($id: ID!) { student(id: $id) { id identity { fullName email } } }';

describe('students', () => {
  let t: TestApp;
  let make: Factories;
  /** The school of most tests here: its own, so only the students a test creates are in it. */
  let school: MadeSchool;
  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    school = await make.school();
  });
  afterAll(() => t.stop());

  it('lets school staff create, read, update, list and archive their students', async () => {
    const staff = school.staff.token;
    const created = dataOf(await t.gql(CREATE, { input: validStudent() }, staff)).createStudent;
    expect(created).toMatchObject({ crebo: '25604', level: 4, homePostcode: '3511', identity: { fullName: 'Noor Haddad' } });

    expect((await t.gql(UPDATE, { id: created.id, input: { radiusKm: 35 } }, staff)).data?.updateStudent.radiusKm).toBe(35);
    const found = await t.gql('{ students(first: 100, filter: { name: "haddad" }) { totalCount edges { node { id } } } }', {}, staff);
    expect(found.data?.students.edges).toEqual([{ node: { id: created.id } }]);

    expect((await t.gql(ARCHIVE, { id: created.id }, staff)).data?.archiveStudent.archivedAt).toEqual(expect.any(String));
    const active = await t.gql('{ students(first: 100, filter: { name: "haddad" }) { totalCount } }', {}, staff);
    expect(active.data?.students.totalCount).toBe(0);
    const all = await t.gql('{ students(first: 100, filter: { name: "haddad", includeArchived: true }) { totalCount } }', {}, staff);
    expect(all.data?.students.totalCount).toBe(1);
  });

  it('filters and pages through the school’s students with Relay cursors', async () => {
    const own = await make.school();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await make.student(own, { crebo: '25655', level: 3 })).id);
    await make.student(own, { crebo: '25604', level: 4 });
    const token = own.staff.token;
    const query = `query($after: String) { students(first: 3, after: $after, filter: { crebo: "25655" }) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id crebo } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = (await t.gql(query, { after }, token)).data!.students;
      total = page.totalCount;
      for (const edge of page.edges) {
        expect(edge.node.crebo).toBe('25655');
        seen.push(edge.node.id);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(5);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it("counts a school's whole current list as she changes it: created, archived, and never another school's", async () => {
    const [own, other] = await Promise.all([make.school(), make.school()]);
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push(await make.student(own));
    await make.student(other);
    const totals = async (token: string) => {
      const { current, all } = dataOf(await t.gql('{ current: students(first: 1) { totalCount } all: students(first: 1, filter: { includeArchived: true }) { totalCount } }', {}, token));
      return [current.totalCount, all.totalCount];
    };
    expect(await totals(own.staff.token)).toEqual([3, 3]);
    dataOf(await t.gql(ARCHIVE, { id: made[0].id }, own.staff.token));
    expect(await totals(own.staff.token)).toEqual([2, 3]);
    // Archiving again changes nothing, and a change that is not an archive neither.
    await t.gql(ARCHIVE, { id: made[0].id }, own.staff.token);
    dataOf(await t.gql(UPDATE, { id: made[1].id, input: { radiusKm: 20 } }, own.staff.token));
    expect(await totals(own.staff.token)).toEqual([2, 3]);
    expect(await totals(other.staff.token)).toEqual([1, 1]);
    expect(await totals((await make.school()).staff.token)).toEqual([0, 0]);
    // A page past the last student has no row to carry the count: it is still the whole list's.
    const page = `query($after: String) { students(first: 2, after: $after) { totalCount pageInfo { endCursor } edges { node { id } } } }`;
    const full = dataOf(await t.gql(page, {}, own.staff.token)).students;
    const past = dataOf(await t.gql(page, { after: full.pageInfo.endCursor }, own.staff.token)).students;
    expect([full.edges.length, full.totalCount, past.edges.length, past.totalCount]).toEqual([2, 2, 0, 2]);
  });

  it("hides school A's students from school B: no read, no change, no hint they exist", async () => {
    const schoolA = school.staff.token;
    const other = await make.school();
    const schoolB = other.admin.token;
    await make.student(other);
    const id = dataOf(await t.gql(CREATE, { input: validStudent() }, schoolA)).createStudent.id;
    const unknownId = '00000000-0000-4000-8000-000000000000';

    const read = onlyError(await t.gql(READ, { id }, schoolB));
    const readUnknown = onlyError(await t.gql(READ, { id: unknownId }, schoolB));
    expect(read.extensions.code).toBe('NOT_FOUND');
    expect(read.message.replace(id, '?')).toBe(readUnknown.message.replace(unknownId, '?'));
    expect(onlyError(await t.gql(UPDATE, { id, input: { radiusKm: 1 } }, schoolB)).extensions.code).toBe('NOT_FOUND');
    expect(onlyError(await t.gql(ARCHIVE, { id }, schoolB)).extensions.code).toBe('NOT_FOUND');

    const listed = await t.gql('{ students(first: 100, filter: { includeArchived: true }) { edges { node { id schoolId } } } }', {}, schoolB);
    const ids = listed.data!.students.edges.map((edge: any) => edge.node.id);
    expect(ids).not.toContain(id);
    expect(new Set(listed.data!.students.edges.map((edge: any) => edge.node.schoolId))).toEqual(new Set([other.id]));
    expect((await t.gql(READ, { id }, schoolA)).data?.student.identity.fullName).toBe('Noor Haddad');
  });

  it('refuses students to company, SBB and platform users', async () => {
    const tokens = await make.tokens();
    for (const user of ['companyAdmin', 'companyStaff', 'sbb', 'platformAdmin'] as const) {
      const error = onlyError(await t.gql('{ students { totalCount } }', {}, tokens[user]));
      expect(error.extensions.code).toBe('FORBIDDEN');
    }
  });

  it.each([
    ['crebo', { crebo: '2560' }, 'input.crebo', 'R4'],
    ['level', { level: 5 }, 'input.level', 'R4'],
    ['radius 0', { radiusKm: 0 }, 'input.radiusKm', undefined],
    ['radius 201', { radiusKm: 201 }, 'input.radiusKm', undefined],
    ['unknown postcode', { homePostcode: '1000' }, 'input.homePostcode', undefined],
    ['end before start', { availableUntil: '2027-01-31' }, 'input.availableUntil', undefined],
    ['over-long wish', { learningWish: 'x'.repeat(2001) }, 'input.learningWish', undefined],
    ['identity e-mail', { identity: { ...validStudent().identity, email: 'nope' } }, 'input.identity.email', undefined],
  ])('refuses a student with an invalid %s, naming the field, and writes nothing', async (_name, change, path, rule) => {
    const staff = school.staff.token;
    const [students, identities] = [await t.count('students'), await t.count('student_identities')];
    const error = onlyError(await t.gql(CREATE, { input: { ...validStudent(), ...change } }, staff));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.fields).toEqual([expect.objectContaining({ path, ...(rule ? { rule } : {}) })]);
    expect([await t.count('students'), await t.count('student_identities')]).toEqual([students, identities]);
  });

  it('refuses a malformed date as BAD_USER_INPUT', async () => {
    const error = onlyError(await t.gql(CREATE, { input: { ...validStudent(), availableFrom: '2027-02-30' } }, school.staff.token));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('2027-02-30');
  });
});
