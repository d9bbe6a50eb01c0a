import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './solve.command';

const EXAMPLE = {
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
};

describe('match:solve command', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...argv: string[]) => main(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  const input = (content: unknown) => {
    const path = join(dir, 'instance.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'match-solve-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the hr-matching/v1 result and exits 0', () => {
    const target = join(dir, 'result.json');
    expect(run(input(EXAMPLE), '-o', target)).toBe(0);
    const result = JSON.parse(readFileSync(target, 'utf8'));
    expect(result).toEqual({
      format: 'hr-matching/v1',
      solver: 'stagematch',
      assignment: { s0: 'p3', s1: 'p1' },
      cutoffs: { p1: null, p3: 71 },
      timings_ms: { parse: expect.any(Number), solve: expect.any(Number) },
    });
    expect(out).toEqual([`Matched 2 of 2 students; wrote ${target}`]);
    expect(readdirSync(dir).sort()).toEqual(['instance.json', 'result.json']);
  });

  it('on bad input exits 1 naming the entry, and writes nothing (an older result stays)', () => {
    const target = join(dir, 'result.json');
    writeFileSync(target, 'previous');
    const bad = { ...EXAMPLE, students: [EXAMPLE.students[0], { id: 's1', prefs: ['p9'] }] };
    const source = input(bad);
    expect(run(source, '-o', target)).toBe(1);
    expect(err).toEqual([`${source}: students[1].prefs[0]: unknown placement "p9"`]);
    expect(readFileSync(target, 'utf8')).toBe('previous');
    expect(readdirSync(dir).sort()).toEqual(['instance.json', 'result.json']);
  });

  it('on malformed JSON exits 1 and writes nothing', () => {
    const target = join(dir, 'result.json');
    expect(run(input('{"format": '), '-o', target)).toBe(1);
    expect(err[0]).toMatch(/instance\.json: malformed JSON: /);
    expect(existsSync(target)).toBe(false);
  });

  it('exits 1 when the instance cannot be read', () => {
    expect(run(join(dir, 'missing.json'), '-o', join(dir, 'result.json'))).toBe(1);
    expect(err[0]).toMatch(/missing\.json: cannot read/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 and leaves no temporary file when the result cannot be written', () => {
    expect(run(input(EXAMPLE), '-o', join(dir, 'no-such-dir', 'result.json'))).toBe(1);
    expect(err[0]).toMatch(/result\.json: cannot write/);
    expect(readdirSync(dir)).toEqual(['instance.json']);
  });

  it.each([[[]], [['instance.json']], [['instance.json', '-o']], [['-o', 'result.json']], [['a.json', 'b.json', '-o', 'r.json']]])('prints usage and exits 2 for arguments %j', (argv) => {
    expect(run(...argv)).toBe(2);
    expect(err).toEqual(['usage: solve.command.js INSTANCE.json -o RESULT.json']);
  });
});
