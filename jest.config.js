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
  maxWorkers: 2,
  // A time-out only catches a hang: tests assert behaviour, never speed, so a busy 2-core machine must not fail them.
  testTimeout: 180000,
};
