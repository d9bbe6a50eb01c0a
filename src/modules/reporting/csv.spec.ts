import { longFormat, table, toCsv } from './csv';

describe('CSV for exports', () => {
  it('quotes separators, quotes and line breaks, and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['two\nlines', '=HYPERLINK("http://evil")'], [-3, null]])).toBe(
      'a,b\r\n"x,y","say ""hi"""\r\n"two\nlines","\'=HYPERLINK(""http://evil"")"\r\n-3,\r\n',
    );
  });

  it('names every figure of a report by its path, list items by their text fields', () => {
    expect(
      longFormat({
        totals: { openSeats: 3 },
        rows: [
          { crebo: '25655', region: 'Utrecht', openSeats: 2 },
          { crebo: '25655', region: 'Groningen', openSeats: 1 },
        ],
        groups: [{ group: 'NONE', rate: 0.5 }],
        counts: [1, 2],
      }),
    ).toEqual([
      ['totals.openSeats', 3],
      ['rows.25655/Utrecht.crebo', '25655'],
      ['rows.25655/Utrecht.region', 'Utrecht'],
      ['rows.25655/Utrecht.openSeats', 2],
      ['rows.25655/Groningen.crebo', '25655'],
      ['rows.25655/Groningen.region', 'Groningen'],
      ['rows.25655/Groningen.openSeats', 1],
      ['groups.NONE.group', 'NONE'],
      ['groups.NONE.rate', 0.5],
      ['counts.0', 1],
      ['counts.1', 2],
    ]);
  });

  it('turns a list into a table with nested values as JSON', () => {
    expect(table([{ id: 1, after: { status: 'REVOKED' } }, { id: 2, at: new Date('2026-11-23T10:00:00Z') }])).toEqual({
      columns: ['id', 'after', 'at'],
      rows: [
        [1, '{"status":"REVOKED"}', undefined],
        [2, undefined, '2026-11-23T10:00:00.000Z'],
      ],
    });
  });
});
