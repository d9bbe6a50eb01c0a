import { ambientStorages, Transactions } from '../src/database/transactions';
import { PlacementEntity } from '../src/modules/placements/placement.entity';
import { Factories } from './support/factories';
import { TestApp } from './support/test-app';

/**
 * The ambient transactions' storages are switched off between transactions (issue #20: on Node 20
 * an entered AsyncLocalStorage keeps promise hooks on for every promise of the process). Switching
 * off must never take a transaction's context away while it is still running.
 */
describe('ambient transactions', () => {
  let t: TestApp;
  let transactions: Transactions;
  beforeAll(async () => {
    t = await TestApp.start();
    transactions = t.app.get(Transactions);
  });
  afterAll(() => t.stop());

  const titleOf = async (id: string) => (await transactions.manager.findOneByOrFail(PlacementEntity, { id })).title;

  it('keeps a transaction in its own context while another one starts and commits beside it', async () => {
    const make = new Factories(t);
    const company = await make.company();
    const [first, second] = [await make.publishedPlacement(company), await make.publishedPlacement(company)];
    const before = await titleOf(first);

    let resume!: () => void;
    const paused = new Promise<void>((resolve) => (resume = resolve));
    let started!: () => void;
    const hasWritten = new Promise<void>((resolve) => (started = resolve));
    const sent: string[] = [];
    const longer = transactions
      .run(async () => {
        await transactions.manager.update(PlacementEntity, { id: first }, { title: 'Nog niet vastgelegd' });
        await transactions.afterCommit(async () => void sent.push('never: rolled back'));
        started();
        await paused;
        // The other transaction has committed and ended by now; this one is still open and still its own.
        expect(transactions.active).toBe(true);
        expect(await titleOf(first)).toBe('Nog niet vastgelegd');
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);

    await hasWritten;
    await transactions.run(async () => {
      await transactions.manager.update(PlacementEntity, { id: second }, { title: 'Vastgelegd' });
      await transactions.afterCommit(async () => void sent.push('committed'));
    });
    expect(transactions.active).toBe(false);
    expect(await titleOf(first)).toBe(before);
    resume();

    expect(await longer).toBe('roll back');
    expect(await titleOf(first)).toBe(before);
    expect(await titleOf(second)).toBe('Vastgelegd');
    expect(sent).toEqual(['committed']);
  });

  // Node 24 keeps contexts in frames (no `enabled` flag, no hooks to switch off).
  const enabled = () => ambientStorages().map((storage) => (storage as unknown as { enabled?: boolean }).enabled);
  (enabled().every((flag) => typeof flag === 'boolean') ? it : it.skip)('leaves no storage entered once the last transaction has ended, so promises carry no context', async () => {
    const make = new Factories(t);
    const placement = await make.publishedPlacement(await make.company());
    let inside: (boolean | undefined)[] = [];
    await transactions.run(async () => {
      await transactions.manager.update(PlacementEntity, { id: placement }, { title: 'Binnen' });
      inside = enabled();
    });
    expect(inside).toEqual([true, true]);
    expect(enabled()).toEqual([false, false]);
  });
});
