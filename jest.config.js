/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: '<rootDir>/test/support/environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': 'ts-jest',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Temporal servers and workers take a few seconds to start on two cores.
  testTimeout: 120000,
  maxWorkers: 2,
};
