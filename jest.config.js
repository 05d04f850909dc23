const { availableParallelism } = require('node:os');
const { moduleNameMapper } = require('./test/jest/prebundled-packages');

/**
 * A 64 MB young generation for the workers (and the synths and CLIs the tests start, which inherit it), as
 * `cdktf synth` has (cdktf.json): synths and simulators allocate many short-lived objects, and with V8's default
 * semi-space they are scavenged far more often. Measured on the stack, guardrail and bridge integration files, in
 * interleaved pairs: 75.7 s / 68.0 s and 71.0 s / 68.2 s of CPU, 39.0 s / 34.9 s and 36.5 s / 34.8 s of wall time
 * (docs/benchmarks.md, "7. The test suite"). Workers are forked after this file is read, with this environment.
 */
const SEMI_SPACE_FLAG = '--max-semi-space-size=64';
if (!(process.env.NODE_OPTIONS ?? '').includes('--max-semi-space-size')) {
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, SEMI_SPACE_FLAG].filter(Boolean).join(' ');
}

/**
 * Jest transpiles with SWC and never type-checks: `npm run typecheck` (tsc) does that once for the whole tree.
 * Tests that start servers (dynalite, simulators) bind loopback ports chosen by the OS, so files can run in parallel.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/bridge', '<rootDir>/simulators', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true } }, module: { type: 'commonjs' } }] },
  snapshotSerializers: [],
  // One and a half workers per core (three on the reference 2-core machine): the bridge suites wait on real time
  // (rate-limit windows, SQS visibility timeouts, injected delays) and the toolchain tests on child processes, so a
  // third worker runs while another waits. Measured in pairs, three against two: 143 s / 151 s, 141 s / 151 s,
  // 129 s / 148 s. Four did no better: beside the filing tree it ran 19 to 23 % slower where three ran 4 to 9 %
  // slower, because the longest bridge files then start together and, contended, time out and retry more
  // (docs/benchmarks.md, "7. The test suite"). Tests assert behaviour, never speed, so contention only slows them.
  // (A number: jest reads a percentage above 100 as that many workers, so '150%' would start 150 of them.)
  maxWorkers: Math.max(1, Math.floor(availableParallelism() * 1.5)),
  // Keeps V8's code cache of every module between test files and runs: compiling the same SDKs again for each file
  // cost more CPU than many of the tests (test/jest/code-cache-runtime.js).
  runtime: require.resolve('./test/jest/code-cache-runtime.js'),
  // The Okta SDK, zod, yaml, jose and cdktf load as one bundle each rather than as hundreds of files per test file
  // (test/jest/prebundled-packages.js); globalSetup builds any bundle the installed versions do not have yet.
  moduleNameMapper: moduleNameMapper(),
  globalSetup: require.resolve('./test/jest/global-setup.js'),
  // A time-out only catches a hang: tests assert behaviour, never speed, so a busy 2-core machine must not fail them.
  testTimeout: 180000,
};
