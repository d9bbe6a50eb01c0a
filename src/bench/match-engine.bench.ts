/**
 * `npm run bench:match-engine`: the pure matcher against the budget of /work/shared/matching.md
 * (one core, file parsing excluded): 20,000 students × 2,000 placements with lists of 10 under 50 ms,
 * 1,000,000 list entries under 300 ms. Instances are generated from a fixed seed.
 */
import { performance } from 'node:perf_hooks';
import { type MatchProblem, solveMatching } from '../modules/matching/engine/deferred-acceptance';
import { seededRandom } from './seeded-random';

const WARM_UP = 3;
const RUNS = 11;

/**
 * Students pick `listLength` distinct placements with a skew towards popular ones (u² puts a third of
 * the choices on the first tenth), so popular placements see many more proposals than seats.
 * Capacities 1–5; scores are integers 0–100, so ties are common and the lottery decides them.
 */
function generate(students: number, placements: number, listLength: number, seed: number): MatchProblem {
  const next = seededRandom(seed);
  const capacities = new Int32Array(placements);
  for (let p = 0; p < placements; p++) capacities[p] = 1 + Math.floor(next() * 5);
  const entries = students * listLength;
  const prefOffsets = new Int32Array(students + 1);
  const prefPlacements = new Int32Array(entries);
  const prefScores = new Float64Array(entries);
  const lastPickedBy = new Int32Array(placements).fill(-1);
  for (let s = 0; s < students; s++) {
    const begin = s * listLength;
    prefOffsets[s + 1] = begin + listLength;
    for (let e = begin; e < begin + listLength; e++) {
      let p: number;
      do {
        const u = next();
        p = Math.floor(u * u * placements);
      } while (lastPickedBy[p] === s);
      lastPickedBy[p] = s;
      prefPlacements[e] = p;
      prefScores[e] = Math.floor(next() * 101);
    }
  }
  // Distinct lottery numbers: a shuffled 0..n-1.
  const lottery = new Float64Array(students);
  for (let s = 0; s < students; s++) lottery[s] = s;
  for (let s = students - 1; s > 0; s--) {
    const j = Math.floor(next() * (s + 1));
    [lottery[s], lottery[j]] = [lottery[j], lottery[s]];
  }
  return { studentCount: students, capacities, prefOffsets, prefPlacements, prefScores, lottery };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function bench(name: string, problem: MatchProblem, budgetMs: number): void {
  for (let i = 0; i < WARM_UP; i++) solveMatching(problem);
  const times: number[] = [];
  let matched = 0;
  let heapPeak = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const outcome = solveMatching(problem);
    times.push(performance.now() - start);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    matched = outcome.assignment.reduce((count, p) => (p >= 0 ? count + 1 : count), 0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const max = times[times.length - 1];
  const memory = process.memoryUsage();
  console.log(
    `${name}: ${problem.prefPlacements.length.toLocaleString('en')} list entries, ${matched.toLocaleString('en')}/${problem.studentCount.toLocaleString('en')} matched\n` +
      `  solve median ${median.toFixed(1)} ms, max ${max.toFixed(1)} ms (budget ${budgetMs} ms: ${max < budgetMs ? 'OK' : 'OVER'}), ${RUNS} runs after ${WARM_UP} warm-up\n` +
      `  heap used ${mib(heapPeak)} (peak after a run), typed arrays ${mib(memory.arrayBuffers)}`,
  );
}

bench('20,000 students × 2,000 placements, lists of 10', generate(20_000, 2_000, 10, 20260101), 50);
bench('100,000 students × 20,000 placements, lists of 10', generate(100_000, 20_000, 10, 20260102), 300);
