// @ts-check
/**
 * Mutation testing of the pure cores (issue #22): `npm run test:mutation`. Each file below is
 * mutated and the unit tests of jest.mutation.config.js must notice every mutant; CI runs it
 * incrementally against the committed baseline (incrementalFile) and fails below 90%, overall here
 * and per file in scripts/check-mutation-score.js.
 *
 * Equivalent mutants (ones no test can kill because the behaviour does not change) are disabled in
 * the code with `// Stryker disable next-line <mutator>: <reason>`, next to the line they concern.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  mutate: [
    'src/common/calendar.ts',
    'src/modules/compliance/rules/{*.rule,index,rule}.ts',
    'src/modules/compliance/guidance.ts',
    'src/modules/compliance/rule-engine.ts',
    'src/modules/matching/blind-priority.ts',
    'src/modules/matching/eligibility.ts',
    'src/modules/matching/lottery.ts',
    'src/modules/matching/engine/deferred-acceptance.ts',
    'src/modules/oversight/{adverse-impact,fisher,screening,statistics}.ts',
    'src/modules/qualifications/register-check.ts',
  ],
  // Message texts are not behaviour the rules decide; the tests pin fields, details and outcomes.
  mutator: { excludedMutations: ['StringLiteral'] },
  // The sandbox needs only the sources and the configs (not the postcode data or the docs).
  ignorePatterns: ['/*', '!/src', '!/migrations', '!/package.json', '!/tsconfig.json', '!/jest.config.js', '!/jest.mutation.config.js', '!/jest.mutation.stub.js', '!/jest.mutation.setup.js'],
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 90 },
  timeoutMS: 3000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
