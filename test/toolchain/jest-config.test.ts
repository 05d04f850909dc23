import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const config = require(join(__dirname, '..', '..', 'jest.config.js')) as { maxWorkers: unknown };

/**
 * jest.config.js asks for two workers more than cores, as a number. (It once asked for '150%': jest takes a percentage
 * only up to 100 % and reads a larger one as that many workers, so it started 150.)
 */
test('jest runs two workers more than the machine has cores, as a number of workers', () => {
  expect(config.maxWorkers).toBe(availableParallelism() + 2);
});
