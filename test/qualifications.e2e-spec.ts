import request from 'supertest';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { validPlacement, validStudent } from './support/fixtures';
import { testDossier } from './support/register';
import { dataOf, onlyError, TestApp } from './support/test-app';

const SAVE = 'mutation($input: QualificationDossierInput!) { saveQualificationDossier(input: $input) { id crebo name validFrom validUntil demo kerntaken { code werkprocessen { code title } } } }';
const ONE = 'query($crebo: String!, $on: LocalDate) { qualificationDossier(crebo: $crebo, validOn: $on) { crebo name validFrom validUntil } }';
const LIST = 'query($f: QualificationDossierFilter) { qualificationDossiers(filter: $f, first: 10) { totalCount edges { node { crebo validFrom validUntil kerntaken { code } } } } }';
const CREATE_STUDENT = 'mutation($input: CreateStudentInput!) { createStudent(input: $input) { id crebo werkprocessen } }';
const UPDATE_STUDENT = 'mutation($id: ID!, $input: UpdateStudentInput!) { updateStudent(id: $id, input: $input) { id crebo } }';
const CREATE_PLACEMENT = 'mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id } }';
const CREATE_AGREEMENT = 'mutation($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }';
const REGISTER = 'mutation($input: RegisterInternshipInput!) { registerInternship(input: $input) { id status } }';

/** The crebos of this file's own dossiers (not in the shared test register). */
const OLD = '41001'; // valid 2016-08-01 to 2026-07-31, then version 2 from 2026-08-01 with other codes
const ENDED = '41002'; // valid until 2026-12-31, no successor

describe('the qualification register (issue #18, R4)', () => {
  let t: TestApp;
  let make: Factories;
  let sbb: SignedIn;
  let school: MadeSchool;
  let company: MadeCompany;

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [sbb, school] = await Promise.all([make.sbb(), make.school()]);
    await make.dossier(OLD, { validFrom: '2016-08-01', validUntil: '2026-07-31' });
    await make.dossier(OLD, {
      validFrom: '2026-08-01',
      kerntaken: [{ code: 'B1-K2', title: 'Nieuw', werkprocessen: [{ code: 'B1-K2-W1', title: 'Nieuw werkproces' }] }],
    });
    await make.dossier(ENDED, { validFrom: '2016-08-01', validUntil: '2026-12-31' });
    company = await make.company({ crebos: ['25655', OLD, ENDED] });
  });
  afterAll(() => t.stop());

  it('is maintained by SBB only and read by everyone signed in, each version by its period', async () => {
    const input = testDossier('41003', { name: 'Alleen SBB' });
    for (const token of [school.admin.token, company.admin.token, (await make.platformAdmin()).token]) {
      expect(onlyError(await t.gql(SAVE, { input }, token)).extensions.code).toBe('FORBIDDEN');
    }
    const saved = dataOf(await t.gql(SAVE, { input }, sbb.token)).saveQualificationDossier;
    expect(saved).toMatchObject({ crebo: '41003', name: 'Alleen SBB', demo: false, kerntaken: [{ code: 'B1-K1', werkprocessen: expect.arrayContaining([{ code: 'B1-K1-W1', title: 'Werkproces B1-K1-W1' }]) }] });
    const audit = await t.dataSource.query(`SELECT action, actor_role FROM audit_log WHERE entity_id = $1`, [saved.id]);
    expect(audit).toEqual([{ action: 'qualification_dossier.created', actor_role: 'SBB' }]);

    expect(dataOf(await t.gql(ONE, { crebo: OLD, on: '2026-07-31' }, school.staff.token)).qualificationDossier).toMatchObject({ validUntil: '2026-07-31' });
    expect(dataOf(await t.gql(ONE, { crebo: OLD, on: '2026-08-01' }, company.staff.token)).qualificationDossier).toMatchObject({ validFrom: '2026-08-01', validUntil: null });
    expect(dataOf(await t.gql(ONE, { crebo: ENDED, on: '2027-01-01' }, school.staff.token)).qualificationDossier).toBeNull();
    const list = dataOf(await t.gql(LIST, { f: { crebo: OLD } }, school.staff.token)).qualificationDossiers;
    expect(list.edges.map((e: any) => e.node.validFrom)).toEqual(['2016-08-01', '2026-08-01']);
    expect(dataOf(await t.gql(LIST, { f: { crebo: OLD, validOn: '2020-01-01' } }, school.staff.token)).qualificationDossiers.totalCount).toBe(1);
    expect(onlyError(await t.gql(LIST, {}, undefined)).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('takes SBB\'s register as a file: a dry run reports each row\'s errors, a real run writes all versions or none, a second run changes nothing', async () => {
    const header = 'crebo;name;sector;levels;leerwegen;validFrom;validUntil;kerntaak;kerntaakTitle;werkproces;werkprocesTitle';
    const line = (crebo: string, werkproces: string, change: Partial<Record<'sector' | 'validFrom' | 'kerntaak', string>> = {}) =>
      [crebo, `Dossier ${crebo}`, change.sector ?? 'HANDEL', '2,3', 'BOL,BBL', change.validFrom ?? '2020-08-01', '', change.kerntaak ?? 'B1-K1', 'Verkopen', werkproces, `Werkproces ${werkproces}`].join(';');
    const file = (lines: string[]) => Buffer.from(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`);
    const upload = (body: Buffer, token: string, dryRun = false) =>
      request(t.app.getHttpServer()).post(`/imports/qualifications?dryRun=${dryRun}`).set('Authorization', `Bearer ${token}`).attach('file', body, 'register.csv');
    const good = file([line('42001', 'B1-K1-W1'), line('42001', 'B1-K1-W2'), line('42002', 'B1-K1-W1')]);
    expect((await upload(good, school.admin.token)).status).toBe(403);

    const bad = await upload(file([line('42001', 'B1-K1-W1'), line('4200', 'B1-K1-W1'), line('42003', 'B1-K2-W1'), line('42004', 'B1-K1-W1', { sector: 'ZEEVAART' })]), sbb.token, true);
    expect(bad.status).toBe(200);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'crebo', rule: 'R4' }),
      expect.objectContaining({ row: 4, column: 'werkproces', rule: 'R4', message: 'werkproces B1-K2-W1 does not belong to kerntaak B1-K1' }),
      expect.objectContaining({ row: 5, column: 'sector', rule: 'SECTOR' }),
    ]);
    const stray = await upload(file([line('42003', 'B1-K2-W1')]), sbb.token);
    expect(stray.status).toBe(422);
    expect(stray.body.errors).toEqual([expect.objectContaining({ row: 2, column: 'werkproces', rule: 'R4' })]);
    expect(await t.dataSource.query(`SELECT crebo FROM qualification_dossiers WHERE crebo LIKE '420%'`)).toEqual([]);

    expect((await upload(good, sbb.token)).body).toMatchObject({ written: true, created: 2, updated: 0, unchanged: 0 });
    expect((await upload(good, sbb.token)).body).toMatchObject({ written: true, created: 0, updated: 0, unchanged: 2 });
    const dossier = dataOf(await t.gql(ONE, { crebo: '42001', on: '2027-01-01' }, company.staff.token)).qualificationDossier;
    expect(dossier).toMatchObject({ crebo: '42001', validFrom: '2020-08-01', validUntil: null });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'qualification_register.imported'`);
    expect(n).toBe(1);
  });

  it('refuses overlapping versions and werkprocessen outside their kerntaak, naming the field and R4', async () => {
    const overlap = onlyError(await t.gql(SAVE, { input: testDossier(OLD, { validFrom: '2020-01-01', validUntil: '2027-01-01' }) }, sbb.token));
    expect(overlap.extensions.fields).toEqual([expect.objectContaining({ path: 'input.validFrom', rule: 'R4' })]);
    const stray = testDossier('41004', { kerntaken: [{ code: 'B1-K1', title: 'K', werkprocessen: [{ code: 'B1-K2-W1', title: 'elders' }] }] });
    expect(onlyError(await t.gql(SAVE, { input: stray }, sbb.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.kerntaken.0.werkprocessen.0.code', rule: 'R4' }),
    ]);
    const badCode = testDossier('41004', { kerntaken: [{ code: 'B1-K1', title: 'K', werkprocessen: [{ code: 'zorgen', title: 'geen code' }] }] });
    expect(onlyError(await t.gql(SAVE, { input: badCode }, sbb.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.kerntaken.0.werkprocessen.0.code', rule: 'R4' }),
    ]);
    expect(await t.dataSource.query(`SELECT 1 FROM qualification_dossiers WHERE crebo = '41004'`)).toEqual([]);
  });

  it('refuses a student whose crebo is unknown or not valid on her first day, or whose werkproces code is not in the dossier', async () => {
    const student = (change: Record<string, unknown>) => ({ input: { ...validStudent(), crebo: OLD, werkprocessen: ['B1-K2-W1', 'een notitie'], availableFrom: '2027-02-01', ...change } });
    const unknown = onlyError(await t.gql(CREATE_STUDENT, student({ crebo: '99999' }), school.staff.token));
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.crebo', rule: 'R4', message: expect.stringContaining('niet in het kwalificatieregister') })] });
    const expired = onlyError(await t.gql(CREATE_STUDENT, student({ crebo: ENDED, werkprocessen: [] }), school.staff.token));
    expect(expired.extensions.fields).toEqual([expect.objectContaining({ path: 'input.crebo', rule: 'R4', message: expect.stringContaining('niet geldig op 2027-02-01') })]);
    // Version 1's code is not a code of version 2, in force on her first day.
    const outside = onlyError(await t.gql(CREATE_STUDENT, student({ werkprocessen: ['een notitie', 'B1-K1-W1'] }), school.staff.token));
    expect(outside.extensions.fields).toEqual([expect.objectContaining({ path: 'input.werkprocessen.1', rule: 'R4' })]);
    expect(await t.dataSource.query(`SELECT 1 FROM students WHERE school_id = $1`, [school.id])).toEqual([]);

    const created = dataOf(await t.gql(CREATE_STUDENT, student({}), school.staff.token)).createStudent;
    expect(created).toMatchObject({ crebo: OLD, werkprocessen: ['B1-K2-W1', 'een notitie'] });
    // On version 1's days, version 1's codes.
    const earlier = onlyError(await t.gql(UPDATE_STUDENT, { id: created.id, input: { availableFrom: '2026-03-01' } }, school.staff.token));
    expect(earlier.extensions.fields).toEqual([expect.objectContaining({ path: 'input.werkprocessen.0', rule: 'R4' })]);
    expect(onlyError(await t.gql(UPDATE_STUDENT, { id: created.id, input: { crebo: ENDED } }, school.staff.token)).extensions.fields).toEqual([
      expect.objectContaining({ path: 'input.crebo', rule: 'R4' }),
    ]);
  });

  it('refuses a POK amendment whose werkproces code is not in the dossier of its crebo (R4), and takes codes of it and notes', async () => {
    const AMEND = 'mutation($id: ID!, $input: AmendPokInput!) { amendPok(internshipId: $id, input: $input) { version terms { werkprocessen } } }';
    const { internshipId } = await make.internship(school, company, await make.publishedPlacement(company));
    const refused = onlyError(await t.gql(AMEND, { id: internshipId, input: { werkprocessen: ['B1-K1-W2', 'B1-K9-W9'] } }, company.admin.token));
    expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ path: 'input.werkprocessen.1', rule: 'R4' })] });
    expect(await t.dataSource.query('SELECT version FROM poks WHERE internship_id = $1', [internshipId])).toEqual([{ version: 1 }]);
    const amended = dataOf(await t.gql(AMEND, { id: internshipId, input: { werkprocessen: ['B1-K1-W2', 'een notitie'] } }, company.admin.token)).amendPok;
    expect(amended).toEqual({ version: 2, terms: { werkprocessen: ['B1-K1-W2', 'een notitie'] } });
  });

  it('refuses a placement, an agreement and a self-found internship with a crebo not valid on their date (R4)', async () => {
    const placement = (change: Record<string, unknown>) => ({ input: validPlacement(company.branchId, company.trainerId, change) });
    const expired = onlyError(await t.gql(CREATE_PLACEMENT, placement({ crebos: ['25655', ENDED], startDate: '2027-02-01' }), company.admin.token));
    expect(expired.extensions.fields).toEqual([expect.objectContaining({ path: 'input.crebos.1', rule: 'R4' })]);
    const code = onlyError(await t.gql(CREATE_PLACEMENT, placement({ crebos: [OLD], werkprocessen: ['B1-K1-W1'] }), company.admin.token));
    expect(code.extensions.fields).toEqual([expect.objectContaining({ path: 'input.werkprocessen.0', rule: 'R4' })]);
    expect(dataOf(await t.gql(CREATE_PLACEMENT, placement({ crebos: [OLD, '25655'], werkprocessen: ['B1-K2-W1', 'B1-K1-W4'] }), company.admin.token)).createPlacement.id).toBeTruthy();

    const agreement = {
      counterpartyId: company.id, firstSchoolYear: 2026, years: 2, contactsPerPeriod: 3, trainerTraining: true, minimumStipendMonthlyCents: 40000, blindMatching: true,
      commitments: [{ schoolYear: 2026, crebo: ENDED, leerweg: 'BOL', places: 2 }, { schoolYear: 2027, crebo: ENDED, leerweg: 'BOL', places: 2 }],
    };
    const refused = onlyError(await t.gql(CREATE_AGREEMENT, { input: agreement }, school.admin.token));
    expect(refused.extensions.fields).toEqual([expect.objectContaining({ path: 'input.commitments.1.crebo', rule: 'R4' })]);

    const student = await make.student(school, { crebo: '25655' });
    const terms = { studentId: student.id, branchId: company.branchId, crebo: ENDED, level: 3, leerweg: 'BOL', startDate: '2027-02-01', endDate: '2027-06-30', hoursPerWeek: 32, daysPerWeek: 4, stipendMonthlyCents: 32000, expenseAllowanceCents: 0, employmentContract: false };
    const internship = onlyError(await t.gql(REGISTER, { input: terms }, school.staff.token));
    expect(internship.extensions.fields).toEqual([expect.objectContaining({ path: 'input.crebo', rule: 'R4' })]);
  });
});
