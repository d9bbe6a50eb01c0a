import { Client } from 'pg';
import { forEachRoundStudentBatch, type RoundStudentRow } from '../src/modules/matching/matching.repository';
import { Factories } from './support/factories';
import { TestApp } from './support/test-app';

/**
 * A match round reads its students in batches, one statement per range of student ids (issue #20):
 * whatever the batch size, every student of the round comes exactly once, in id order, with her
 * list, and all batches read one snapshot, so a student added while the round reads is not half in it.
 */
describe('a round reads its students in batches', () => {
  let t: TestApp;
  let make: Factories;
  let placements: string[];
  const round = { periodFrom: '2027-01-01', periodTo: '2027-03-01', region: null };

  beforeAll(async () => {
    t = await TestApp.start({ withWorker: false });
    make = new Factories(t);
    const [school, company] = await Promise.all([make.school(), make.company()]);
    placements = [await make.publishedPlacement(company), await make.publishedPlacement(company)];
    for (let n = 0; n < 7; n += 1) await make.student(school, { preferences: n % 2 ? placements : [placements[1]] });
    await make.student(school); // no list: not in the round
  });
  afterAll(() => t.stop());

  const read = async (batchSize: number, afterFirst?: () => Promise<void>) => {
    const batches: RoundStudentRow[][] = [];
    await forEachRoundStudentBatch(t.dataSource, round, batchSize, async (rows) => {
      batches.push(rows);
      if (batches.length === 1) await afterFirst?.();
    });
    return batches;
  };

  it('gives every student with a list once, in id order, whatever the batch size', async () => {
    const [whole] = await read(1_000);
    expect(whole).toHaveLength(7);
    expect(whole.map((row) => row.id)).toEqual(whole.map((row) => row.id).sort());
    const placementIndexes = [...placements].sort();
    expect(whole.map((row) => row.prefs)).toEqual(
      expect.arrayContaining([[placementIndexes.indexOf(placements[1])], [placementIndexes.indexOf(placements[0]), placementIndexes.indexOf(placements[1])]]),
    );
    for (const size of [1, 2, 3]) {
      const batches = await read(size);
      expect(batches.flat()).toEqual(whole);
      expect(Math.max(...batches.map((batch) => batch.length))).toBeLessThanOrEqual(size);
    }
  });

  it('reads every batch in the snapshot of the first: students who get a list meanwhile are not in this round', async () => {
    const school = await make.school();
    // Six students whose lists come while the round reads, in batches of two: at least two of them fall in a batch after the second.
    const late: string[] = [];
    for (let n = 0; n < 6; n += 1) late.push((await make.student(school)).id);
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      const batches = await read(2, async () => {
        await other.query('INSERT INTO student_preferences (student_id, placement_id, rank) SELECT unnest($1::uuid[]), $2, 1', [late, placements[0]]);
      });
      expect(batches.flat().filter((row) => late.includes(row.id))).toEqual([]);
      expect(batches.flat()).toHaveLength(7);
      const [again] = await read(1_000);
      expect(again.filter((row) => late.includes(row.id))).toHaveLength(6);
    } finally {
      await other.end();
    }
  });
});
