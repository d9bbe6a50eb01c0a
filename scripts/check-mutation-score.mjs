// Per-file mutation scores from Stryker's JSON report (Stryker's own `thresholds.break` applies to
// the total only). Prints one line per file and exits 1 when any file is below the threshold.
// Usage: node scripts/check-mutation-score.mjs [report.json] [threshold]
import { readFileSync } from 'node:fs';

const [reportPath = 'reports/mutation/mutation.json', threshold = '90'] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

let failed = false;
const rows = Object.entries(report.files)
  .map(([file, { mutants }]) => {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
    const score = valid === 0 ? 100 : (100 * detected) / valid;
    return { file, detected, valid, score };
  })
  .sort((a, b) => a.file.localeCompare(b.file));
for (const { file, detected, valid, score } of rows) {
  const below = score < Number(threshold);
  failed ||= below;
  console.log(`${below ? 'BELOW' : 'ok   '} ${score.toFixed(1).padStart(5)}%  ${String(detected).padStart(4)}/${String(valid).padEnd(4)} ${file}`);
}
if (failed) {
  console.error(`mutation score below ${threshold}% in at least one file (see BELOW above)`);
  process.exit(1);
}
