import ExcelJS from 'exceljs';
import { formatOf, readTable, SpreadsheetError, toSpreadsheetCsv, toXlsx } from './spreadsheet';

describe('spreadsheets in and out (issue #18)', () => {
  it('reads Dutch and English Excel CSV alike: BOM or not, ";" or ",", headers by their normalised name, blank lines skipped', async () => {
    const nl = await readTable(Buffer.from('\uFEFFStudent number;Full name\r\n"S-1";"Jansen; Anna"\r\n\r\nS-2;Éva\r\n'));
    const en = await readTable(Buffer.from('student_number,full-name\nS-1,"Jansen; Anna"\nS-2,Éva\n'));
    for (const table of [nl, en]) {
      expect(table.headers).toEqual(['studentnumber', 'fullname']);
      expect(table.rows).toEqual([
        { row: 2, values: { studentnumber: 'S-1', fullname: 'Jansen; Anna' } },
        { row: nl === table ? 4 : 3, values: { studentnumber: 'S-2', fullname: 'Éva' } },
      ]);
    }
  });

  it('reads the first sheet of an XLSX file, dates as YYYY-MM-DD and numbers as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Leerlingen');
    sheet.addRow(['studentNumber', 'dateOfBirth', 'level']);
    sheet.addRow(['S-1', new Date('2008-03-14T00:00:00Z'), 3]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(formatOf(file)).toBe('XLSX');
    expect((await readTable(file)).rows).toEqual([{ row: 2, values: { studentnumber: 'S-1', dateofbirth: '2008-03-14', level: '3' } }]);
    await expect(readTable(Buffer.from('PK\u0003\u0004nonsense'))).rejects.toBeInstanceOf(SpreadsheetError);
    await expect(readTable(Buffer.from(''))).rejects.toBeInstanceOf(SpreadsheetError);
  });

  it('writes CSV for nl-NL Excel with BOM and ";", quoting what needs it, and defuses formulas', () => {
    expect(toSpreadsheetCsv(['a', 'b'], [['x;y', '=1+1'], [3, null]])).toBe('\uFEFFa;b\r\n"x;y";\'=1+1\r\n3;\r\n');
    expect(toSpreadsheetCsv(['a', 'b'], [['x;y', 'p,q']], 'en')).toBe('a,b\r\nx;y,"p,q"\r\n');
  });

  it('writes XLSX that reads back, numbers as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx('BPV', ['crebo', 'uren'], [['25655', 32]])) as unknown as ArrayBuffer);
    expect((workbook.worksheets[0].getRow(2).values as unknown[]).slice(1)).toEqual(['25655', 32]);
    expect(workbook.worksheets[0].name).toBe('BPV');
  });
});
