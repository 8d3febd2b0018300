/**
 * Two jest projects. `unit`: pure code and local files only, no server, no Go or Java (`npm run test:unit`, seconds).
 * `integration`: real Temporal servers and a real SMTP server, obtained and started once in its globalSetup.
 * ts-jest only transpiles (tsconfig's isolatedModules); `npm test` type-checks the whole project first.
 */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': 'ts-jest' },
};

module.exports = {
  maxWorkers: 2,
  // A root option (jest ignores it inside a project): lifecycle tests simulate 90 days and wait for real servers.
  testTimeout: 120_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // TEST_FAKE_NOW=<ISO instant> runs the unit project under jest's fake clock (npm run test:unit:clocks).
      setupFiles: ['<rootDir>/test/unit/setup/clock.ts'],
      roots: ['<rootDir>/test/unit'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/harness/global-teardown.ts',
    },
  ],
};
