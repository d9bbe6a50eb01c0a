import request from 'supertest';
import { Factories, type Role } from './support/factories';
import { dataOf, onlyError, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

const CREATE = 'mutation($input: ReportExportInput!) { createReportExport(input: $input) { url expiresAt } }';

describe('CSV exports through signed, expiring links', () => {
  let t: TestApp;
  const clock = new TestClock();
  let tokens: Record<Role, string>;

  beforeAll(async () => {
    t = await TestApp.start({ clock });
    tokens = await new Factories(t).tokens();
  });
  afterAll(() => t.stop());

  const create = async (input: Record<string, unknown>, user: Role = 'sbb') => t.gql(CREATE, { input }, tokens[user]);
  const pathOf = (url: string) => new URL(url).pathname;
  const download = (path: string) => request(t.app.getHttpServer()).get(path);

  it('gives SBB a link to each report as CSV, without signing in, and audits creation and download', async () => {
    const { url, expiresAt } = dataOf(await create({ report: 'PLACE_SUPPLY' })).createReportExport;
    expect(url).toMatch(/^http:\/\/localhost:3000\/exports\/[\w-]+$/);
    expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBe(15 * 60_000);

    const response = await download(pathOf(url));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="place-supply-${clock.today()}.csv"`);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe('field,value');
    const figures = Object.fromEntries(lines.slice(1).map((line) => line.split(',')));
    const { placeSupply } = dataOf(await t.gql('{ placeSupply { totals { openSeats studentsWithoutPlacement } } }', {}, tokens.sbb));
    expect(Number(figures['totals.openSeats'])).toBe(placeSupply.totals.openSeats);
    expect(Number(figures['totals.studentsWithoutPlacement'])).toBe(placeSupply.totals.studentsWithoutPlacement);

    const actions = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'report_export' ORDER BY id`)).map((row: any) => row.action);
    expect(actions).toEqual(['report_export.created', 'report_export.downloaded']);
  });

  it('exports lists as tables and the audit as named figures', async () => {
    const audit = dataOf(await create({ report: 'AUDIT_LOG', auditLog: { action: 'report_export.' } })).createReportExport;
    const table = (await download(pathOf(audit.url))).text.trim().split('\r\n');
    const [columns, ...rows] = table.map((line) => line.split(','));
    expect(columns.slice(0, 2)).toEqual(['id', 'sequence']);
    expect(columns).toEqual(expect.arrayContaining(['action', 'entityType', 'entityId', 'actorRole']));
    expect(columns).not.toContain('nodeId');
    expect(table.slice(1).every((line) => line.includes('report_export.'))).toBe(true);
    // The columns mean what the API's AuditEntry fields mean: `id` the node id, `sequence` the log's order.
    const entries = dataOf(await t.gql('{ auditLog(first: 100, filter: { action: "report_export." }) { edges { node { id sequence } } } }', {}, tokens.sbb)).auditLog.edges.map(({ node }: any) => node);
    expect(rows.length).toBeGreaterThan(0);
    expect(entries.map((entry: any) => ({ id: entry.id, sequence: String(entry.sequence) }))).toEqual(expect.arrayContaining(rows.map((row) => ({ id: row[0], sequence: row[1] }))));

    const impact = dataOf(await create({ report: 'ADVERSE_IMPACT_AUDIT', adverseImpactAudit: { ground: 'GENDER', from: '2026-01-01', to: '2026-11-23' } })).createReportExport;
    const csv = (await download(pathOf(impact.url))).text;
    expect(csv).toContain('ground,GENDER\r\n');
    expect(csv).toContain('groups.FEMALE.suppressed,FEWER_THAN_10_OBSERVATIONS\r\n');
  });

  it('refuses bad input at creation, naming the field, and everyone but SBB', async () => {
    expect(onlyError(await create({ report: 'TERMINATIONS' })).extensions.fields).toEqual([expect.objectContaining({ path: 'input.terminations' })]);
    const badPeriod = onlyError(await create({ report: 'ADVERSE_IMPACT_AUDIT', adverseImpactAudit: { ground: 'GENDER', from: '2026-11-01', to: '2026-01-01' } }));
    expect(badPeriod.extensions.fields).toEqual([expect.objectContaining({ path: 'input.to', rule: 'R23' })]);
    for (const user of ['schoolAdmin', 'companyAdmin', 'platformAdmin'] as const) {
      expect(onlyError(await create({ report: 'PLACE_SUPPLY' }, user)).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a tampered link (403) and an expired one (410)', async () => {
    const { url } = dataOf(await create({ report: 'COMPLIANCE_OVERVIEW' })).createReportExport;
    const token = pathOf(url).split('/').pop()!;
    const flipped = Buffer.from(token, 'base64url');
    flipped[flipped.length - 20] ^= 0x01;
    expect((await download(`/exports/${flipped.toString('base64url')}`)).status).toBe(403);
    // Two characters of the signature replaced by others (never the same ones, which would leave the link intact).
    const garbled = [...token.slice(-6, -4)].map((char) => (char === 'x' ? 'y' : 'x')).join('');
    expect((await download(`/exports/${token.slice(0, -6)}${garbled}${token.slice(-4)}`)).status).toBe(403);
    expect((await download('/exports/nonsense')).status).toBe(403);

    clock.advance({ minutes: 16 });
    try {
      expect((await download(pathOf(url))).status).toBe(410);
    } finally {
      clock.advance({ minutes: -16 });
    }
    expect((await download(pathOf(url))).status).toBe(200);
  });
});
