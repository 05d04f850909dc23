/**
 * Tests at enterprise size (`npm run test:scale`, run by .ci/run after `npm test`): each synthesizes tens of thousands
 * of resources and takes minutes on a 2-core machine, so they stay out of the everyday suite. Files are `*.scale.ts`
 * so the main jest config never picks them up.
 */
const root = require('../../jest.config.js');

module.exports = {
  ...root,
  rootDir: __dirname,
  roots: ['<rootDir>'],
  testMatch: ['**/*.scale.ts'],
  maxWorkers: 1,
  testTimeout: 1200000,
};
