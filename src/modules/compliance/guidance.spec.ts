import { guidanceFindings } from './guidance';

const period = { startDate: '2026-02-02', endDate: '2026-06-26' };
const contact = (date: string, onSite = false) => ({ date, onSite });

describe('R17 guidance: at least three contacts per BPV period, one on site', () => {
  it.each([
    ['three contacts, one on site', [contact('2026-02-10', true), contact('2026-04-10'), contact('2026-06-20')], []],
    ['two contacts, one on site', [contact('2026-02-10', true), contact('2026-06-20')], ['3 are required']],
    ['three contacts, none on site', [contact('2026-02-10'), contact('2026-04-10'), contact('2026-06-20')], ['on site']],
    ['nothing logged', [], ['3 are required', 'on site']],
  ])('%s', (_name, contacts, expected) => {
    const messages = guidanceFindings({ ...period, contacts }, '2026-06-27').map((finding) => finding.message);
    expect(messages).toHaveLength(expected.length);
    expected.forEach((part, index) => expect(messages[index]).toContain(part));
  });

  it('judges a period only once it is over', () => {
    expect(guidanceFindings({ ...period, contacts: [] }, '2026-06-26')).toEqual([]);
    expect(guidanceFindings({ ...period, contacts: [] }, '2026-06-27')).toHaveLength(2);
  });
});
