/**
 * The tests that need the real terraform binary (`npm run test:terraform`, run by .ci/run after `npm test`, which
 * must not need terraform). Files are `*.tfcheck.ts` so the main jest config never picks them up.
 */
const root = require('../../jest.config.js');

module.exports = {
  ...root,
  rootDir: __dirname,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.tfcheck.ts'],
  setupFilesAfterEnv: [],
  maxWorkers: 1,
  testTimeout: 600000,
};
