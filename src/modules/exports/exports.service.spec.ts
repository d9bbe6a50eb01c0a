import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuditLog } from '../../common/audit/audit-log';
import { type Actor, OrganizationType, Role } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AuthService } from '../organizations/auth.service';
import { ExportableReport, ExportFormat } from '../reporting/dto/report-export.input';
import { Exportable, type ExportableReportDefinition } from '../reporting/exportable-report';
import { ExportsService } from './exports.service';

const sbb = { userId: '6f1c2f8e-3b7a-4c1d-9e2f-0a1b2c3d4e5f', organizationId: '7a1c2f8e-3b7a-4c1d-9e2f-0a1b2c3d4e5f', organizationType: OrganizationType.SBB, roles: [Role.SBB] } as unknown as Actor;

/** A report that exists only in this test: registering it is all it takes to export it. */
@Injectable()
@Exportable({ name: 'SEATS_PER_SECTOR', input: { field: 'seatsPerSector', required: true, decorators: [] } })
class SeatsPerSectorReport implements ExportableReportDefinition<{ sector: string }> {
  async table(_actor: Actor, input: { sector: string }) {
    return { columns: ['sector', 'seats'], rows: [[input.sector, 12]] };
  }
}

async function boot(reports: unknown[] = [SeatsPerSectorReport]) {
  @Module({ providers: reports as never[] })
  class ReportsModule {}
  const saved: unknown[] = [];
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ReportsModule],
    providers: [
      ExportsService,
      AuditLog,
      { provide: Environment, useValue: { JWT_SECRET: 'a-test-secret-of-at-least-32-characters!', EXPORT_LINK_TTL_MINUTES: 15, PUBLIC_URL: 'http://localhost:3000' } },
      { provide: AuthService, useValue: { actorFor: async () => sbb } },
      { provide: Clock, useValue: { now: () => new Date('2026-11-23T10:00:00Z'), today: () => '2026-11-23' } },
      { provide: Transactions, useValue: { manager: { create: (_entity: unknown, row: unknown) => row, save: async (rows: unknown[]) => saved.push(...rows) } } },
    ],
  }).compile();
  await moduleRef.init();
  return { exports: moduleRef.get(ExportsService), saved };
}

describe('ExportsService finds the exportable reports at boot', () => {
  it('exports a newly registered report without any change to the exports service', async () => {
    const { exports, saved } = await boot();
    const { url } = await exports.create(sbb, { report: 'SEATS_PER_SECTOR', seatsPerSector: { sector: 'ZORG' } });
    const result = await exports.download(new URL(url).pathname.split('/').pop()!);
    expect(result).toEqual({ ok: true, filename: 'seats-per-sector-2026-11-23.csv', contentType: 'text/csv; charset=utf-8', body: 'sector,seats\r\nZORG,12\r\n' });
    expect(saved.map((row) => (row as { action: string }).action)).toEqual(['report_export.created', 'report_export.downloaded']);
  });

  it('writes the CSV Dutch Excel opens (BOM, ";") and XLSX, and keeps an SBB report from a school', async () => {
    const { exports } = await boot();
    const nl = await exports.create(sbb, { report: 'SEATS_PER_SECTOR', format: ExportFormat.CSV_NL, seatsPerSector: { sector: 'ZORG; WELZIJN' } });
    expect(await exports.download(new URL(nl.url).pathname.split('/').pop()!)).toMatchObject({ body: '\uFEFFsector;seats\r\n"ZORG; WELZIJN";12\r\n' });
    const xlsx = await exports.create(sbb, { report: 'SEATS_PER_SECTOR', format: ExportFormat.XLSX, seatsPerSector: { sector: 'ZORG' } });
    const file = await exports.download(new URL(xlsx.url).pathname.split('/').pop()!);
    expect(file).toMatchObject({ filename: 'seats-per-sector-2026-11-23.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect([...((file as { body: Buffer }).body.subarray(0, 2))]).toEqual([0x50, 0x4b]);
    const school = { ...sbb, organizationType: OrganizationType.SCHOOL } as Actor;
    await expect(exports.create(school, { report: 'SEATS_PER_SECTOR', seatsPerSector: { sector: 'ZORG' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("refuses a report's missing required input, naming the field", async () => {
    const { exports } = await boot();
    await expect(exports.create(sbb, { report: 'SEATS_PER_SECTOR' })).rejects.toMatchObject({ fields: [{ path: 'input.seatsPerSector' }] });
  });

  it('adds the report to the GraphQL enum and refuses a second report of the same name', () => {
    expect(ExportableReport.SEATS_PER_SECTOR).toBe('SEATS_PER_SECTOR');
    expect(() => Exportable({ name: 'SEATS_PER_SECTOR' })).toThrow('Two exportable reports are named SEATS_PER_SECTOR');
  });

  it('does not boot when a declared report is in no module\'s providers', async () => {
    await expect(boot([])).rejects.toThrow("Exportable reports not in any module's providers: SEATS_PER_SECTOR");
  });
});
