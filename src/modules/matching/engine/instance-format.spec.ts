import fc from 'fast-check';
import { solveMatching } from './deferred-acceptance';
import { parseInstance, parseInstanceText, toMatchingJson } from './instance-format';
import { type DenseInstance, instanceArbitrary, MEDIUM } from './testing/model';

/** The example instance of /work/shared/matching.md. */
const contractExample = () => ({
  format: 'hr-instance/v1',
  students: [
    { id: 's0', prefs: ['p3', 'p1'] },
    { id: 's1', prefs: ['p1'] },
  ],
  placements: [
    { id: 'p1', capacity: 2, ranking: ['s1', 's0'] },
    { id: 'p3', capacity: 1, scores: { s0: 71.0 } },
  ],
  tiebreak: { s0: 17, s1: 3 },
});

const solveJson = (document: unknown) => {
  const instance = parseInstance(document);
  return toMatchingJson(instance, solveMatching(instance.problem), { parse: 0.12345, solve: 0.5 });
};

describe('hr-instance/v1 → hr-matching/v1', () => {
  it('solves the contract example', () => {
    expect(solveJson(contractExample())).toEqual({
      format: 'hr-matching/v1',
      solver: 'stagematch',
      assignment: { s0: 'p3', s1: 'p1' },
      cutoffs: { p1: null, p3: 71 },
      timings_ms: { parse: 0.123, solve: 0.5 },
    });
  });

  it('parses text and keeps the contract’s key order', () => {
    const instance = parseInstanceText(JSON.stringify(contractExample()));
    const text = JSON.stringify(toMatchingJson(instance, solveMatching(instance.problem), { parse: 0.12345, solve: 0.5 }));
    expect(text).toBe('{"format":"hr-matching/v1","solver":"stagematch","assignment":{"s0":"p3","s1":"p1"},"cutoffs":{"p1":null,"p3":71},"timings_ms":{"parse":0.123,"solve":0.5}}');
  });

  it('orders a ranking first to last and reports a full ranking placement’s cutoff on its score scale', () => {
    const result = solveJson({
      format: 'hr-instance/v1',
      students: [
        { id: 'a', prefs: ['p'] },
        { id: 'b', prefs: ['p'] },
        { id: 'c', prefs: ['p'] },
      ],
      placements: [{ id: 'p', capacity: 2, ranking: ['c', 'a', 'b'] }],
    });
    expect(result.assignment).toEqual({ a: 'p', b: null, c: 'p' });
    expect(result.cutoffs).toEqual({ p: 2 }); // ranking.length - position of "a"
  });

  it('breaks equal scores by tiebreak, lower first, whatever the ids', () => {
    const document = {
      format: 'hr-instance/v1',
      students: [
        { id: 'aaa', prefs: ['p'] },
        { id: 'zzz', prefs: ['p'] },
      ],
      placements: [{ id: 'p', capacity: 1, scores: { aaa: 3, zzz: 3 } }],
      tiebreak: { aaa: 0.8, zzz: 0.2 },
    };
    expect(solveJson(document).assignment).toEqual({ aaa: null, zzz: 'p' });
  });

  it('without tiebreak breaks equal scores by position in students', () => {
    const students = [
      { id: 'x', prefs: ['p'] },
      { id: 'y', prefs: ['p'] },
    ];
    const placements = [{ id: 'p', capacity: 1, scores: { x: 1, y: 1 } }];
    expect(solveJson({ format: 'hr-instance/v1', students, placements }).assignment).toEqual({ x: 'p', y: null });
    expect(solveJson({ format: 'hr-instance/v1', students: [...students].reverse(), placements }).assignment).toEqual({ x: null, y: 'p' });
  });

  it('matches a pair only when the student lists the placement and the placement names her', () => {
    const result = solveJson({
      format: 'hr-instance/v1',
      students: [
        { id: 's0', prefs: ['p0', 'p1'] },
        { id: 's1', prefs: [] },
      ],
      placements: [
        { id: 'p0', capacity: 5, scores: { s1: 10 } },
        { id: 'p1', capacity: 5, ranking: ['s1', 's0'] },
      ],
    });
    expect(result.assignment).toEqual({ s0: 'p1', s1: null });
    expect(result.cutoffs).toEqual({ p0: null, p1: null });
  });

  it('keeps an id like "__proto__" as an ordinary key of the output', () => {
    const result = solveJson({
      format: 'hr-instance/v1',
      students: [{ id: '__proto__', prefs: ['constructor'] }],
      placements: [{ id: 'constructor', capacity: 1, ranking: ['__proto__'] }],
    });
    expect(Object.keys(result.assignment)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(result)).assignment).toEqual(JSON.parse('{"__proto__": "constructor"}'));
  });

  describe('names the offending entry of bad input', () => {
    type Document = { format: string; students: { id?: string; prefs: unknown }[]; placements: Record<string, unknown>[]; tiebreak?: Record<string, unknown> };
    it.each<[string, (d: Document) => unknown, string]>([
      ['an unknown placement in prefs', (d) => (d.students[1].prefs = ['p1', 'p3', 'p9']), 'students[1].prefs[2]: unknown placement "p9"'],
      ['a duplicate placement in prefs', (d) => (d.students[0].prefs = ['p3', 'p1', 'p3']), 'students[0].prefs[2]: duplicate placement "p3" (also prefs[0])'],
      ['an unknown student in a ranking', (d) => (d.placements[0].ranking = ['s1', 'x']), 'placements[0].ranking[1]: unknown student "x"'],
      ['a duplicate student in a ranking', (d) => (d.placements[0].ranking = ['s1', 's0', 's1']), 'placements[0].ranking[2]: duplicate student "s1"'],
      ['an unknown student in scores', (d) => (d.placements[1].scores = { s0: 1, s7: 2 }), 'placements[1].scores["s7"]: unknown student "s7"'],
      ['a score that is not a number', (d) => (d.placements[1].scores = { s0: '71' }), 'placements[1].scores["s0"]: expected a finite number, got "71"'],
      ['an unknown student in tiebreak', (d) => (d.tiebreak = { s0: 1, s1: 2, s9: 3 }), 'tiebreak["s9"]: unknown student "s9"'],
      ['a tiebreak number given twice', (d) => (d.tiebreak = { s0: 4, s1: 4 }), 'tiebreak["s1"]: number 4 is also given to "s0"'],
      ['a student without a tiebreak number', (d) => (d.tiebreak = { s1: 4 }), 'tiebreak: no number for student "s0" (students[0])'],
      ['a duplicate student id', (d) => (d.students[1].id = 's0'), 'students[1].id: duplicate student id "s0" (also students[0])'],
      ['a duplicate placement id', (d) => (d.placements[1].id = 'p1'), 'placements[1].id: duplicate placement id "p1" (also placements[0])'],
      ['a missing student id', (d) => delete d.students[0].id, 'students[0].id: expected a non-empty string id, got nothing'],
      ['a negative capacity', (d) => (d.placements[1].capacity = -1), 'placements[1].capacity: expected a non-negative integer, got -1'],
      ['a fractional capacity', (d) => (d.placements[0].capacity = 1.5), 'placements[0].capacity: expected a non-negative integer, got 1.5'],
      ['both ranking and scores', (d) => (d.placements[0].scores = {}), 'placements[0]: give exactly one of "ranking" or "scores"'],
      ['neither ranking nor scores', (d) => delete d.placements[1].scores, 'placements[1]: give exactly one of "ranking" or "scores"'],
      ['prefs that are not an array', (d) => (d.students[0].prefs = 'p3'), 'students[0].prefs: expected an array, got "p3"'],
      ['no placements', (d) => delete (d as Partial<Document>).placements, 'placements: expected an array, got nothing'],
      ['a wrong format tag', (d) => (d.format = 'hr-instance/v2'), 'format: expected "hr-instance/v1", got "hr-instance/v2"'],
    ])('%s', (_, corrupt, message) => {
      const document = contractExample() as Document;
      corrupt(document);
      expect(() => parseInstance(document)).toThrow(message);
    });

    it('malformed JSON', () => {
      expect(() => parseInstanceText('{"format": "hr-instance/v1", ')).toThrow(/^malformed JSON: /);
    });

    it('a document that is not an object', () => {
      expect(() => parseInstanceText('[]')).toThrow('(root): expected an object, got []');
    });
  });

  it('shuffling students or placements, or relabelling student ids (same tiebreak numbers), only relabels the result (guarantee 4)', () => {
    const toDocument = (instance: DenseInstance, studentIds: string[], studentOrder: number[], placementOrder: number[]) => ({
      format: 'hr-instance/v1',
      students: studentOrder.map((s) => ({ id: studentIds[s], prefs: instance.lists[s].map((p) => `p${p}`) })),
      placements: placementOrder.map((p) => ({
        id: `p${p}`,
        capacity: instance.capacities[p],
        scores: Object.fromEntries(studentOrder.map((s) => [studentIds[s], instance.scores[s][p]])),
      })),
      tiebreak: Object.fromEntries(studentOrder.map((s) => [studentIds[s], instance.lottery[s]])),
    });
    const cases = instanceArbitrary(MEDIUM).chain((instance) => {
      const students = [...instance.lists.keys()];
      const placements = [...instance.capacities.keys()];
      return fc.record({
        instance: fc.constant(instance),
        ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: students.length, maxLength: students.length }),
        studentOrder: fc.shuffledSubarray(students, { minLength: students.length }),
        placementOrder: fc.shuffledSubarray(placements, { minLength: placements.length }),
      });
    });
    fc.assert(
      fc.property(cases, ({ instance, ids, studentOrder, placementOrder }) => {
        const plain = instance.lists.map((_, s) => `s${s}`);
        const identity = [...instance.lists.keys()];
        const original = solveJson(toDocument(instance, plain, identity, [...instance.capacities.keys()]));
        const changed = solveJson(toDocument(instance, ids, studentOrder, placementOrder));
        identity.forEach((s) => expect(changed.assignment[ids[s]]).toBe(original.assignment[plain[s]]));
        expect(Object.keys(changed.assignment)).toHaveLength(identity.length);
        expect(changed.cutoffs).toEqual(original.cutoffs);
      }),
      { numRuns: 200 },
    );
  });
});
