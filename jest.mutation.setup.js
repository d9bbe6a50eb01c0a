// Setup of jest.mutation.config.js only (`npm run test:mutation`): property tests run fewer cases
// (src/common/testing/property-runs.ts) from a fixed seed, so a mutant is killed or not on every run.
process.env.PROPERTY_RUNS = '40';
require('fast-check').configureGlobal({ seed: 20261202, endOnFailure: true });
