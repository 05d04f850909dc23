const { moduleNameMapper } = require('./test/jest/prebundled-packages');

/**
 * Jest transpiles with SWC and never type-checks: `npm run typecheck` (tsc) does that once for the whole tree.
 * Tests that start servers (dynalite, simulators) bind loopback ports chosen by the OS, so files can run in parallel.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/bridge', '<rootDir>/simulators', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } }, module: { type: 'commonjs' } }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  snapshotSerializers: [],
  // Two workers on two cores: a third gave 143 s against 158 s in one run and 171 s against 165 s in the next, at
  // more CPU (docs/benchmarks.md, "7. The test suite"), so no gain worth more contention for timing-sensitive tests.
  maxWorkers: 2,
  // Keeps V8's code cache of every module between test files and runs: compiling the same SDKs again for each file
  // cost more CPU than many of the tests (test/jest/code-cache-runtime.js).
  runtime: require.resolve('./test/jest/code-cache-runtime.js'),
  // The Okta SDK, zod, yaml and jose load as one bundle each rather than as hundreds of files per test file
  // (test/jest/prebundled-packages.js); globalSetup builds any bundle the installed versions do not have yet.
  moduleNameMapper: moduleNameMapper(),
  globalSetup: require.resolve('./test/jest/global-setup.js'),
  // A time-out only catches a hang: tests assert behaviour, never speed, so a busy 2-core machine must not fail them.
  testTimeout: 180000,
};
