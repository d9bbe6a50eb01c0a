import ExcelJS from 'exceljs';
import request from 'supertest';
import { Factories, type MadeCompany, type MadeSchool } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE_KEY = 'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id studentNumber probableDuplicates } }';
const HEADER = ['studentNumber', 'fullName', 'dateOfBirth', 'email', 'phone', 'crebo', 'level', 'leerweg', 'cohort', 'learningWish', 'werkprocessen', 'homePostcode', 'radiusKm', 'availableFrom', 'availableUntil', 'daysPerWeek', 'hoursPerWeek', 'accessibilityNeeds'];

/** A student row every check accepts, `change` by column. */
function studentRow(n: number, change: Record<string, string> = {}): Record<string, string> {
  return {
    studentNumber: `S${1000 + n}`, fullName: `Import Leerling ${n}`, dateOfBirth: '2008-03-14', email: `leerling${n}@student.test`, phone: '',
    crebo: '25655', level: '3', leerweg: 'BOL', cohort: '2025', learningWish: 'Werken in de ouderenzorg; graag avonddienst', werkprocessen: 'B1-K1-W1|zorgplan uitvoeren',
    homePostcode: '3511', radiusKm: '15', availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: '4', hoursPerWeek: '32', accessibilityNeeds: '',
    ...change,
  };
}

/** A Dutch-Excel CSV: BOM, `;` between fields, quotes where a field holds one. */
function csv(rows: Record<string, string>[], header = HEADER): Buffer {
  const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return Buffer.from(`\uFEFF${[header.join(';'), ...rows.map((row) => header.map((h) => cell(row[h] ?? '')).join(';'))].join('\r\n')}\r\n`, 'utf8');
}

async function xlsx(rows: Record<string, string>[], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Leerlingen');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(header.map((h) => (/^\d+$/.test(row[h] ?? '') && h !== 'studentNumber' && h !== 'crebo' && h !== 'homePostcode' ? Number(row[h]) : (row[h] ?? ''))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('bulk imports (issue #18)', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;

  const upload = (path: string, file: Buffer, token: string | undefined, { dryRun, name = 'import.csv' }: { dryRun?: boolean; name?: string } = {}) => {
    const call = request(t.app.getHttpServer()).post(`${path}${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`).attach('file', file, name);
    if (token) call.set('Authorization', `Bearer ${token}`);
    return call;
  };
  const studentsOf = (schoolId: string) =>
    t.dataSource.query(`SELECT s.student_number, i.full_name, s.crebo, s.updated_at FROM students s JOIN student_identities i ON i.student_id = s.id WHERE s.school_id = $1 ORDER BY s.student_number`, [schoolId]);

  beforeAll(async () => {
    t = await TestApp.start({ env: { IMPORT_MAX_ROWS: '60', IMPORT_MAX_BYTES: '40000', IMPORTS_PER_MINUTE: '30' } });
    make = new Factories(t);
    [school, otherSchool, company] = await Promise.all([make.school(), make.school(), make.company()]);
  });
  afterAll(() => t.stop());

  it('a dry run reports every row error with its row, column and rule, and writes nothing', async () => {
    const rows = [
      studentRow(1),
      studentRow(2, { crebo: '99999' }),
      studentRow(3, { dateOfBirth: '2030-01-01', homePostcode: '1000' }),
      studentRow(4, { werkprocessen: 'B7-K7-W7', level: '5' }),
      studentRow(5, { studentNumber: 'S1001' }),
      studentRow(6, { fullName: 'import leerling 1' }),
    ];
    const response = await upload('/imports/students', csv(rows), school.staff.token, { dryRun: true });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, written: false, rows: 6 });
    expect(response.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'crebo', rule: 'R4' }),
      expect.objectContaining({ row: 4, column: 'dateOfBirth', rule: 'MBO_AGE' }),
      expect.objectContaining({ row: 4, column: 'homePostcode', rule: 'PC4' }),
      expect.objectContaining({ row: 5, column: 'level', rule: 'R4' }),
      expect.objectContaining({ row: 5, column: 'werkprocessen', rule: 'R4', message: expect.stringContaining('B7-K7-W7') }),
      expect.objectContaining({ row: 6, column: 'studentNumber', rule: 'STUDENT_NUMBER_UNIQUE' }),
    ]);
    expect(response.body.warnings).toEqual([expect.objectContaining({ row: 7, column: 'fullName', rule: 'PROBABLE_DUPLICATE' })]);
    const codes = await upload('/imports/students', csv([studentRow(4, { werkprocessen: 'B7-K7-W7' })]), school.staff.token, { dryRun: true });
    expect(codes.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'werkprocessen', rule: 'R4' })]);
    expect(await studentsOf(school.id)).toEqual([]);
  });

  it('a real run writes all rows or none, and the same file again changes nothing', async () => {
    const good = [studentRow(1), studentRow(2), studentRow(3)];
    const refused = await upload('/imports/students', csv([...good, studentRow(9, { homePostcode: '1000' })]), school.staff.token);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ written: false, errors: [expect.objectContaining({ row: 5, column: 'homePostcode', rule: 'PC4' })] });
    expect(await studentsOf(school.id)).toEqual([]);

    const first = await upload('/imports/students', csv(good), school.staff.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dryRun: false, written: true, rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    const stored = await studentsOf(school.id);
    expect(stored.map((s: any) => s.student_number)).toEqual(['S1001', 'S1002', 'S1003']);
    const audits = () => t.dataSource.query(`SELECT action, after->'created' AS created FROM audit_log WHERE action = 'students.imported' AND actor_organization_id = $1`, [school.id]);
    expect(await audits()).toEqual([{ action: 'students.imported', created: expect.arrayContaining([expect.any(String)]) }]);

    const again = await upload('/imports/students', csv(good), school.staff.token);
    expect(again.body).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 3 });
    expect(await studentsOf(school.id)).toEqual(stored);
    expect(await audits()).toHaveLength(1);

    // Upsert by student number: one changed row is updated, the others left alone.
    const changed = await upload('/imports/students', await xlsx([studentRow(1), studentRow(2, { fullName: 'Import Leerling Twee' }), studentRow(3), studentRow(4)]), school.staff.token, { name: 'leerlingen.xlsx' });
    expect(changed.body).toMatchObject({ created: 1, updated: 1, unchanged: 2, errors: [] });
    const after = await studentsOf(school.id);
    expect(after.map((s: any) => s.full_name)).toEqual(['Import Leerling 1', 'Import Leerling Twee', 'Import Leerling 3', 'Import Leerling 4']);
    expect(after[0].updated_at).toEqual(stored[0].updated_at);
  });

  it('takes the school\'s API key, refuses a company\'s key, a company and no token, and keeps each school\'s numbers apart', async () => {
    const schoolKey = dataOf(await t.gql(CREATE_KEY, { input: { name: 'Eduarte', role: 'STAFF' } }, otherSchool.admin.token)).createApiKey.secret;
    const companyKey = dataOf(await t.gql(CREATE_KEY, { input: { name: 'HR-systeem', role: 'STAFF' } }, company.admin.token)).createApiKey.secret;
    const file = csv([studentRow(1), studentRow(2)]);
    expect((await upload('/imports/students', file, undefined)).status).toBe(401);
    expect((await upload('/imports/students', file, 'sm_not-a-key')).status).toBe(401);
    const byCompany = await upload('/imports/students', file, company.admin.token);
    expect(byCompany.status).toBe(403);
    expect(byCompany.body.code).toBe('FORBIDDEN');
    expect((await upload('/imports/students', file, companyKey)).status).toBe(403);

    const before = await studentsOf(school.id);
    const byKey = await upload('/imports/students', file, schoolKey);
    expect(byKey.body).toMatchObject({ created: 2, unchanged: 0 });
    // The same student numbers at another school are other students: the first school's are untouched.
    expect(await studentsOf(school.id)).toEqual(before);
    expect((await studentsOf(otherSchool.id)).map((s: any) => s.student_number)).toEqual(['S1001', 'S1002']);
    const [audit] = await t.dataSource.query(`SELECT actor_role FROM audit_log WHERE action = 'students.imported' AND actor_organization_id = $1`, [otherSchool.id]);
    expect(audit.actor_role).toBe('API_KEY:Eduarte');
  });

  it('checks createStudent at the door as well: student number, age, duplicates', async () => {
    const input = (change: Record<string, unknown>) => ({
      crebo: '25655', level: 3, leerweg: 'BOL', cohort: 2025, learningWish: 'Zorg', werkprocessen: [], homePostcode: '3511', radiusKm: 10,
      availableFrom: '2027-02-01', availableUntil: '2027-06-30', daysPerWeek: 4, hoursPerWeek: 32,
      identity: { fullName: 'Import Leerling 3', dateOfBirth: '2008-03-14', email: 'dubbel@student.test' }, ...change,
    });
    const taken = onlyError(await t.gql(CREATE_STUDENT, { input: input({ studentNumber: 'S1001' }) }, school.staff.token));
    expect(taken.extensions.fields).toEqual([expect.objectContaining({ path: 'input.studentNumber', rule: 'STUDENT_NUMBER_UNIQUE' })]);
    const young = onlyError(await t.gql(CREATE_STUDENT, { input: input({ identity: { fullName: 'X', dateOfBirth: '2020-01-01', email: 'x@student.test' } }) }, school.staff.token));
    expect(young.extensions.fields).toEqual([expect.objectContaining({ path: 'input.identity.dateOfBirth', rule: 'MBO_AGE' })]);
    const postcode = onlyError(await t.gql(CREATE_STUDENT, { input: input({ homePostcode: '1000' }) }, school.staff.token));
    expect(postcode.extensions.fields).toEqual([expect.objectContaining({ path: 'input.homePostcode' })]);
    const created = dataOf(await t.gql(CREATE_STUDENT, { input: input({ studentNumber: 'S2001' }) }, school.staff.token)).createStudent;
    const [original] = await t.dataSource.query(`SELECT id FROM students WHERE school_id = $1 AND student_number = 'S1003'`, [school.id]);
    expect(created).toMatchObject({ studentNumber: 'S2001', probableDuplicates: [original.id] });
  });

  it('imports placements as drafts for a company, all or none, idempotently, with R4 against the register', async () => {
    const header = ['reference', 'branchId', 'trainerId', 'title', 'description', 'crebos', 'level', 'leerweg', 'werkprocessen', 'startDate', 'endDate', 'daysPerWeek', 'hoursPerWeek', 'capacity', 'stipendMonthlyCents', 'expenseAllowanceCents'];
    const row = (n: number, change: Record<string, string> = {}) => ({
      reference: `VAC-${n}`, branchId: company.branchId, trainerId: company.trainerId, title: `Stage zorg ${n}`, description: 'Avonddienst; begeleiding door een praktijkopleider', crebos: '25655',
      level: '3', leerweg: 'BOL', werkprocessen: 'B1-K1-W1|B1-K1-W2', startDate: '2027-02-01', endDate: '2027-06-30', daysPerWeek: '4', hoursPerWeek: '32', capacity: '2', stipendMonthlyCents: '32000', expenseAllowanceCents: '5000', ...change,
    });
    const placements = () => t.dataSource.query(`SELECT reference, status, title FROM placements WHERE company_id = $1 AND reference IS NOT NULL ORDER BY reference`, [company.id]);
    expect((await upload('/imports/placements', csv([row(1)], header), school.staff.token)).status).toBe(403);

    const dry = await upload('/imports/placements', csv([row(1), row(2, { werkprocessen: 'B1-K9-W1' }), row(3, { crebos: '41999', startDate: '2027-13-01' })], header), company.admin.token, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'werkprocessen', rule: 'R4' }),
      expect.objectContaining({ row: 4, column: 'startDate' }),
    ]);
    const unknownCrebo = await upload('/imports/placements', csv([row(3, { crebos: '41999' })], header), company.admin.token, { dryRun: true });
    expect(unknownCrebo.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'crebos', rule: 'R4' })]);
    expect(await placements()).toEqual([]);

    const good = csv([row(1), row(2)], header);
    expect((await upload('/imports/placements', good, company.admin.token, { dryRun: true })).body).toMatchObject({ created: 2, errors: [] });
    expect(await placements()).toEqual([]);
    const first = await upload('/imports/placements', good, company.staff.token);
    expect(first.body).toMatchObject({ written: true, created: 2 });
    expect(await placements()).toEqual([
      { reference: 'VAC-1', status: 'DRAFT', title: 'Stage zorg 1' },
      { reference: 'VAC-2', status: 'DRAFT', title: 'Stage zorg 2' },
    ]);
    expect((await upload('/imports/placements', good, company.staff.token)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const mixed = await upload('/imports/placements', csv([row(1, { title: 'Nieuwe titel' }), row(3, { branchId: '00000000-0000-4000-8000-000000000000' })], header), company.staff.token);
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'branchId' })]);
    expect((await placements())[0].title).toBe('Stage zorg 1');
  });

  it('refuses a file too large, too many rows, a file it cannot read, and too many imports a minute', async () => {
    const big = await upload('/imports/students', Buffer.alloc(50_000, 'a'), school.staff.token, { dryRun: true });
    expect(big.status).toBe(413);
    const many = await upload('/imports/students', csv(Array.from({ length: 61 }, (_, n) => studentRow(n))), school.staff.token, { dryRun: true });
    expect(many.status).toBe(413);
    const garbled = await upload('/imports/students', Buffer.from('PK\u0003\u0004garbage'), school.staff.token, { dryRun: true, name: 'x.xlsx' });
    expect(garbled.status).toBe(400);
    expect(garbled.body).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'file', rule: 'FILE_FORMAT' })] });
    const missing = await request(t.app.getHttpServer()).post('/imports/students').set('Authorization', `Bearer ${school.staff.token}`);
    expect(missing.status).toBe(400);

    const busy = await make.school();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await upload('/imports/students', csv([studentRow(1)]), busy.staff.token, { dryRun: true })).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await upload('/imports/students', csv([studentRow(1)]), busy.staff.token, { dryRun: true });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
  });
});
