import type { Finding } from './rules/rule';

/** R17: at least three logged contacts per BPV period, at least one of them on site (domain brief §7). */
export const MIN_CONTACTS_PER_PERIOD = 3;
export const MIN_CONTACTS_AT_MIDPOINT = 2;

export interface GuidanceRecord {
  startDate: string;
  endDate: string;
  contacts: { date: string; onSite: boolean }[];
}

/** R17's findings for an internship on a day: judged once its period is over. */
export function guidanceFindings(record: GuidanceRecord, today: string): Finding[] {
  if (today <= record.endDate) return [];
  const findings: Finding[] = [];
  if (record.contacts.length < MIN_CONTACTS_PER_PERIOD) {
    findings.push({
      rule: 'R17',
      severity: 'BLOCK',
      field: 'contactMoments',
      message: `${record.contacts.length} contact moment${record.contacts.length === 1 ? '' : 's'} logged in the BPV period; at least ${MIN_CONTACTS_PER_PERIOD} are required`,
      details: { logged: record.contacts.length, required: MIN_CONTACTS_PER_PERIOD },
    });
  }
  if (!record.contacts.some((contact) => contact.onSite)) {
    findings.push({ rule: 'R17', severity: 'BLOCK', field: 'contactMoments', message: 'no contact moment on site in the BPV period; at least one is required' });
  }
  return findings;
}
