/**
 * The unit tests of the pure cores, for `npm run test:mutation` (stryker.config.mjs): only the spec
 * files that exercise the mutated files, so Stryker's dry run and each mutant's run stay short.
 */
const base = require('./jest.config').projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...base,
  displayName: 'mutation',
  rootDir: __dirname,
  moduleNameMapper: { '^(@nestjs/graphql|@nestjs/common|typeorm|class-validator)$': '<rootDir>/jest.mutation.stub.js' },
  testMatch: [
    '<rootDir>/src/modules/companies/accreditation-dates.spec.ts',
    '<rootDir>/src/modules/compliance/{rule-engine,guidance}.spec.ts',
    '<rootDir>/src/modules/compliance/rules/*.spec.ts',
    '<rootDir>/src/modules/matching/{blind-priority,eligibility,lottery}.spec.ts',
    '<rootDir>/src/modules/matching/engine/deferred-acceptance.spec.ts',
    '<rootDir>/src/modules/oversight/{adverse-impact,fisher,screening,statistics}.spec.ts',
    '<rootDir>/src/modules/qualifications/register-check.spec.ts',
  ],
  // Fewer property-test cases, from a fixed seed; `npm test` keeps the full runs.
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/jest.mutation.setup.js'],
};
