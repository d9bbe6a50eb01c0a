import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reporting may read every table and writes none (design §2a): no SQL write, no TypeORM write. */
describe('the reporting module', () => {
  const sources = (readdirSync(__dirname, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => ({ file, text: readFileSync(join(__dirname, file), 'utf8') }));

  it('reads its sources', () => {
    expect(sources.map(({ file }) => file)).toEqual(expect.arrayContaining(['dashboards.reads.ts', join('reports', 'audit-log.report.ts')]));
  });

  it.each([
    ['SQL writes', /\b(INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|TRUNCATE|MERGE\s+INTO)\b/i],
    ['TypeORM writes', /\.(save|insert|update|upsert|delete|remove|softDelete|increment|decrement)\(/],
    ['audit or outbox rows', /\b(recordAudit|recordEvent|AuditLog)\b/],
  ])('has no %s', (_kind, write) => {
    expect(sources.filter(({ text }) => write.test(text)).map(({ file }) => file)).toEqual([]);
  });

  it('imports no module that imports it (oversight and unplaced-students use its read API)', () => {
    expect(sources.filter(({ text }) => /from '(\.\.\/)+(oversight|unplaced-students|exports)\//.test(text)).map(({ file }) => file)).toEqual([]);
  });
});
