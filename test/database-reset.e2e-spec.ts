import { randomBytes } from 'node:crypto';
import { eventually } from './support/receivers';
import { dataOf, TestApp } from './support/test-app';

const GRANT = 'mutation($input: GrantAccreditationInput!) { grantAccreditation(input: $input) { id } }';
const INBOX = `{ notifications(first: 50) { edges { node { eventType title } } } }`;

/**
 * A database reset (or restored) under the same QUEUE_PREFIX starts its outbox ids at the same
 * numbers again, while Redis still keeps the completed jobs of the old events: the new events
 * must still be dispatched.
 */
describe('job ids survive a database reset under the same QUEUE_PREFIX', () => {
  const prefix = `test-reset-${randomBytes(4).toString('hex')}`;

  /** Grants three accreditations and waits until the company admin has heard of all three; returns their outbox ids. */
  async function grantThree(t: TestApp): Promise<string[]> {
    const admin = await t.as('companyAdmin');
    const branchId = dataOf(await t.gql('{ me { organization { branches { id } } } }', {}, admin)).me.organization.branches[0].id;
    for (const crebo of ['25901', '25902', '25903']) {
      dataOf(await t.gql(GRANT, { input: { branchId, crebo, grantedOn: '2026-09-01' } }, await t.as('sbbAuditor')));
    }
    await eventually(async () => {
      const inbox = dataOf(await t.gql(INBOX, {}, admin)).notifications.edges.map((edge: any) => edge.node);
      return inbox.filter((node: any) => node.eventType === 'ACCREDITATION_GRANTED').length === 3;
    }, 20_000);
    const rows = await t.dataSource.query(`SELECT id FROM outbox WHERE type = 'ACCREDITATION_GRANTED' ORDER BY id`);
    return rows.map((row: { id: string }) => row.id);
  }

  it('dispatches the events of a fresh database whose outbox ids an earlier database already used', async () => {
    const before = await TestApp.start({ env: { QUEUE_PREFIX: prefix } });
    let used: string[];
    try {
      used = await grantThree(before);
    } finally {
      await before.stop({ keepQueues: true }); // the database goes; Redis keeps the old, completed jobs
    }

    const after = await TestApp.start({ env: { QUEUE_PREFIX: prefix } });
    try {
      expect(await grantThree(after)).toEqual(used); // the same outbox ids once more, and every event still heard
    } finally {
      await after.stop();
    }
  }, 120_000);
});
