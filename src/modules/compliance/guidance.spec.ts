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

describe('R17 boundaries', () => {
  const onSite = (count: number) => Array.from({ length: count }, (_, i) => contact(`2026-03-${String(10 + i).padStart(2, '0')}`, i === 0));
  const judged = (contacts: { date: string; onSite: boolean }[]) => guidanceFindings({ ...period, contacts }, '2026-06-27');

  it.each([
    [2, [{ logged: 2, required: 3 }]],
    [3, []],
    [4, []],
  ])('%i contacts, the first on site → %j', (count, details) => {
    const findings = judged(onSite(count));
    expect(findings.map((f) => f.details)).toEqual(details);
    findings.forEach((f) => expect(f).toMatchObject({ rule: 'R17', severity: 'BLOCK', field: 'contactMoments' }));
  });

  it('counts the contact moments in the message, singular for one', () => {
    expect(judged(onSite(1))[0].message).toMatch(/^1 contact moment logged/);
    expect(judged(onSite(2))[0].message).toMatch(/^2 contact moments logged/);
  });

  it.each([
    ['only the last', [contact('2026-03-01'), contact('2026-04-01'), contact('2026-05-01', true)], []],
    ['all', [contact('2026-03-01', true), contact('2026-04-01', true), contact('2026-05-01', true)], []],
    ['none', [contact('2026-03-01'), contact('2026-04-01'), contact('2026-05-01')], [undefined]],
  ])('%s on site → %j', (_name, contacts, details) => {
    const findings = judged(contacts);
    expect(findings.map((f) => f.details)).toEqual(details);
  });

  it.each([
    ['2026-06-25', 0],
    ['2026-06-26', 0],
    ['2026-06-27', 2],
  ])('judged on %s → %i finding(s)', (today, count) => {
    expect(guidanceFindings({ ...period, contacts: [] }, today)).toHaveLength(count);
  });
});
