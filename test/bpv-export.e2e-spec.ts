import ExcelJS from 'exceljs';
import request from 'supertest';
import { Factories, type MadeCompany, type MadeSchool, type SignedIn } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';

const CREATE = 'mutation($input: ReportExportInput!) { createReportExport(input: $input) { url } }';
const COLUMNS = [
  'studentnummer', 'crebo', 'leerweg', 'niveau', 'leerbedrijf', 'kvk_nummer', 'vestiging', 'vestiging_plaats', 'startdatum', 'einddatum',
  'werkelijke_einddatum', 'uren_per_week', 'uren_totaal', 'status', 'pok_status',
];

describe('the BPV export and spreadsheet-ready files (issue #18)', () => {
  let t: TestApp;
  let make: Factories;
  let school: MadeSchool;
  let otherSchool: MadeSchool;
  let company: MadeCompany;
  let sbb: SignedIn;
  let kvk: string;

  const download = async (input: Record<string, unknown>, token: string) => {
    const { url } = dataOf(await t.gql(CREATE, { input }, token)).createReportExport;
    return request(t.app.getHttpServer()).get(new URL(url).pathname).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  };

  beforeAll(async () => {
    t = await TestApp.start();
    make = new Factories(t);
    [school, otherSchool, company, sbb] = await Promise.all([make.school(), make.school(), make.company({ name: 'Zorgcentrum "De Linde"; Utrecht' }), make.sbb()]);
    const placementId = await make.publishedPlacement(company, { capacity: 3 });
    await make.internship(school, company, placementId, { studentNumber: 'BPV-002' });
    await make.internship(school, company, placementId, { studentNumber: 'BPV-001' });
    await make.internship(otherSchool, company, placementId, { studentNumber: 'ANDER-1' });
    [{ kvk_number: kvk }] = await t.dataSource.query('SELECT kvk_number FROM organizations WHERE id = $1', [company.id]);
  }, 120_000);
  afterAll(() => t.stop());

  it('gives a school its own BPV records with the documented columns, as CSV for Dutch Excel (BOM, ";")', async () => {
    const response = await download({ report: 'BPV', format: 'CSV_NL' }, school.staff.token);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/filename="bpv-\d{4}-\d{2}-\d{2}\.csv"/);
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(COLUMNS.join(';'));
    expect(lines).toHaveLength(3);
    // The company's name holds a ";" and quotes: quoted, so Excel keeps it one cell.
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    const [first] = parse(lines[1], { delimiter: ';' }) as string[][];
    expect(first).toEqual(['BPV-001', '25655', 'BOL', '3', 'Zorgcentrum "De Linde"; Utrecht', kvk, expect.stringMatching(/^Vestiging /), 'Utrecht', '2027-02-01', '2027-06-30', '', '32', expect.stringMatching(/^\d+$/), 'PLANNED', 'PENDING']);
    expect(lines[1].startsWith('BPV-001;25655;BOL;3;"Zorgcentrum ""De Linde""; Utrecht";')).toBe(true);
    expect(lines[2].startsWith('BPV-002;')).toBe(true);
    expect(lines.join()).not.toContain('ANDER-1');
  });

  it('gives the same as XLSX, read back here, and as plain CSV', async () => {
    const response = await download({ report: 'BPV', format: 'XLSX' }, school.admin.token);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(1)).toEqual(COLUMNS);
    expect(sheet.rowCount).toBe(3);
    expect(values(2).slice(0, 6)).toEqual(['BPV-001', '25655', 'BOL', 3, 'Zorgcentrum "De Linde"; Utrecht', kvk]);
    expect(values(2)[11]).toBe(32);
    expect(values(2)[13]).toBe('PLANNED');

    const plain = await download({ report: 'BPV', bpv: { schoolYear: 2026 } }, school.staff.token);
    const text = (plain.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(COLUMNS.join(','));
    const none = await download({ report: 'BPV', bpv: { schoolYear: 2030 } }, school.staff.token);
    expect((none.body as Buffer).toString('utf8').trim().split('\r\n')).toHaveLength(1);
  });

  it('is for a school only, and the SBB reports are for SBB only, in every format', async () => {
    expect(onlyError(await t.gql(CREATE, { input: { report: 'BPV' } }, sbb.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(CREATE, { input: { report: 'BPV' } }, company.admin.token)).extensions.code).toBe('FORBIDDEN');
    expect(onlyError(await t.gql(CREATE, { input: { report: 'PLACE_SUPPLY', format: 'XLSX' } }, school.staff.token)).extensions.code).toBe('FORBIDDEN');
    const supply = await download({ report: 'PLACE_SUPPLY', format: 'XLSX' }, sbb.token);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(supply.body as unknown as ArrayBuffer);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['field', 'value']);
  });
});
