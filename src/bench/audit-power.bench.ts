import { screenCompanies, ScreeningStatus } from '../modules/oversight/screening';
import { seededRandom } from './seeded-random';

/**
 * `npm run bench:audit-power [-- REPLICATIONS SEED]`: proves the R23 screening on companies whose
 * truth is known. Each replication audits 2,000 companies: 80% treat both groups alike (true
 * impact ratio 1.0), 5% each accept the minority at 0.8, 0.7, 0.6 and 0.5 times the majority's
 * rate (60%). A company's decisions number 20 to 1,000 (log-uniform, as small and large
 * leerbedrijven differ), 22% of them about students with a non-western background, 8% western.
 * Prints the share of fair companies flagged (goal ≤ 1%), the false discovery rate achieved
 * (goal ≤ 5%), and the power per true ratio and sample size — beside the old rule (p < 0.05 per
 * company, no correction) for comparison.
 */
const COMPANIES = 2_000;
const MAJORITY_RATE = 0.6;
const SHARES = { NONE: 0.7, WESTERN: 0.08, NON_WESTERN: 0.22 };
const TRUE_RATIOS = [1, 0.8, 0.7, 0.6, 0.5];
const SIZE_BUCKETS = [20, 50, 100, 250, 1001];

function binomial(random: () => number, n: number, p: number): number {
  let successes = 0;
  for (let i = 0; i < n; i += 1) if (random() < p) successes += 1;
  return successes;
}

interface Truth {
  ratio: number;
  decisions: number;
}

function company(random: () => number, index: number): { truth: Truth; cells: Array<{ group: string; observations: number; accepted: number }> } {
  const ratio = index < COMPANIES * 0.8 ? 1 : TRUE_RATIOS[1 + Math.floor(((index - COMPANIES * 0.8) / (COMPANIES * 0.2)) * 4)];
  const decisions = Math.round(20 * Math.exp(random() * Math.log(1000 / 20)));
  const cells = Object.entries(SHARES).map(([group, share]) => {
    const observations = binomial(random, decisions, share);
    const rate = group === 'NON_WESTERN' ? MAJORITY_RATE * ratio : MAJORITY_RATE;
    return { group, observations, accepted: binomial(random, observations, rate) };
  });
  return { truth: { ratio, decisions }, cells };
}

const bucketOf = (decisions: number) => SIZE_BUCKETS.findIndex((upper, i) => decisions >= (i === 0 ? 0 : SIZE_BUCKETS[i - 1]) && decisions < upper) - 1;
const pct = (part: number, whole: number) => (whole === 0 ? '   –  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`);

function main(): void {
  const replications = Number(process.argv[2] ?? 20);
  const random = seededRandom(Number(process.argv[3] ?? 2026)); // every run sees the same companies
  const flags = new Map<string, { flagged: number; oldRule: number; total: number }>();
  const key = (ratio: number, bucket: number) => `${ratio}:${bucket}`;
  let fairFlagged = 0;
  let fairOldRule = 0;
  let fairTotal = 0;
  let underpoweredFair = 0;
  const fdrPerReplication: number[] = [];
  const oldFdrPerReplication: number[] = [];
  const started = performance.now();

  for (let replication = 0; replication < replications; replication += 1) {
    const companies = Array.from({ length: COMPANIES }, (_, index) => company(random, index));
    const screened = screenCompanies(companies.map((c, index) => ({ companyId: index, cells: c.cells })));
    let flagged = 0;
    let falseFlags = 0;
    let oldFlagged = 0;
    let oldFalse = 0;
    screened.forEach((result, index) => {
      const { truth } = companies[index];
      // The old rule: a group below 0.8 with Fisher p < 0.05, per company, uncorrected.
      const old = result.groups.some((group) => group.adverseImpact && group.fisherPValue !== null && group.fisherPValue < 0.05);
      const isFlagged = result.status === ScreeningStatus.FLAGGED;
      if (isFlagged) flagged += 1;
      if (old) oldFlagged += 1;
      if (truth.ratio === 1) {
        fairTotal += 1;
        if (isFlagged) (fairFlagged += 1, (falseFlags += 1));
        if (old) (fairOldRule += 1, (oldFalse += 1));
        if (result.underpowered) underpoweredFair += 1;
      }
      const cell = flags.get(key(truth.ratio, bucketOf(truth.decisions))) ?? { flagged: 0, oldRule: 0, total: 0 };
      cell.total += 1;
      if (isFlagged) cell.flagged += 1;
      if (old) cell.oldRule += 1;
      flags.set(key(truth.ratio, bucketOf(truth.decisions)), cell);
    });
    fdrPerReplication.push(flagged === 0 ? 0 : falseFlags / flagged);
    oldFdrPerReplication.push(oldFlagged === 0 ? 0 : oldFalse / oldFlagged);
  }

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`bench:audit-power — ${replications} audits of ${COMPANIES} companies (${((performance.now() - started) / 1000).toFixed(1)} s), q = 0.05`);
  console.log(`  fair companies (true ratio 1.0) flagged: ${pct(fairFlagged, fairTotal)} of ${fairTotal}  (goal ≤ 1%; old rule p < 0.05: ${pct(fairOldRule, fairTotal)})`);
  console.log(`  false discovery rate (mean per audit):  ${pct(mean(fdrPerReplication), 1)}           (goal ≤ 5%; old rule: ${pct(mean(oldFdrPerReplication), 1)})`);
  console.log(`  fair companies marked underpowered (could not detect 0.8): ${pct(underpoweredFair, fairTotal)}`);
  console.log('  power (share FLAGGED) per true ratio and decisions per company  [old rule in brackets]:');
  const header = SIZE_BUCKETS.slice(0, -1).map((lower, i) => `${lower}–${SIZE_BUCKETS[i + 1] - 1}`.padStart(16));
  console.log(`    ratio ${header.join('')}`);
  for (const ratio of TRUE_RATIOS) {
    const row = SIZE_BUCKETS.slice(0, -1).map((_, bucket) => {
      const cell = flags.get(key(ratio, bucket));
      return cell ? `${pct(cell.flagged, cell.total)} [${pct(cell.oldRule, cell.total).trim()}]`.padStart(16) : '–'.padStart(16);
    });
    console.log(`    ${ratio.toFixed(1).padEnd(5)} ${row.join('')}`);
  }
}

main();
