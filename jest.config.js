/** Unit tests beside the code; end-to-end tests in test/ against real Postgres and Redis. */
const transform = {
  '^.+\\.ts$': 'ts-jest',
  // openid-client and the two libraries it uses are ES modules only: Node (>= 20.19) loads them from
  // the compiled CommonJS with require(), but Jest on Node 20 cannot, so it transpiles them.
  '/node_modules/(openid-client|oauth4webapi|jose)/.+\\.js$': ['ts-jest', { isolatedModules: true, tsconfig: { allowJs: true } }],
};
const transformIgnorePatterns = ['/node_modules/(?!(openid-client|oauth4webapi|jose)/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      setupFiles: ['reflect-metadata'],
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  testTimeout: 60000,
  // Jest's default on two cores is one worker; the e2e files wait on PostgreSQL and Redis often enough
  // that two run in about 60% of the time (measured: 30 s against 53 s for six files).
  maxWorkers: 2,
  // Each e2e file needs a fresh process: a second Nest GraphQL app built in the same process no
  // longer maps Boolean/String fields (the realm of its scalar map differs). Recycling the worker
  // after every file (any worker uses more than 1 MB) gives each file its own.
  workerIdleMemoryLimit: '1MB',
};
