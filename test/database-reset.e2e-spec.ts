import { randomBytes } from 'node:crypto';
import { Factories } from './support/factories';
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

  /**
   * Builds a company (the same steps on each database, so the same outbox ids), grants it three more
   * accreditations and waits until its admin has heard of all three; returns their outbox ids.
   */
  async function grantThree(t: TestApp): Promise<string[]> {
    const make = new Factories(t);
    const company = await make.company();
    const sbb = await make.sbb();
    const [{ id: setUp }] = await t.dataSource.query('SELECT coalesce(max(id), 0) AS id FROM outbox');
    for (const crebo of ['25901', '25902', '25903']) {
      dataOf(await t.gql(GRANT, { input: { branchId: company.branchId, crebo, grantedOn: '2026-09-01' } }, sbb.token));
    }
    await eventually(async () => {
      const inbox = dataOf(await t.gql(INBOX, {}, company.admin.token)).notifications.edges.map((edge: any) => edge.node);
      return inbox.filter((node: any) => node.eventType === 'ACCREDITATION_GRANTED').length === 1 + 3; // the factory's own grant and these
    }, 20_000);
    const rows = await t.dataSource.query(`SELECT id FROM outbox WHERE type = 'ACCREDITATION_GRANTED' AND id > $1 ORDER BY id`, [setUp]);
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
