import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const config = require(join(__dirname, '..', '..', 'jest.config.js')) as { maxWorkers: unknown };

/**
 * jest.config.js asks for one and a half workers per core. jest takes a percentage only up to 100 % and reads
 * '150%' as 150 workers, so the config must hold the number itself.
 */
test('jest runs one and a half workers per core, as a number of workers', () => {
  expect(config.maxWorkers).toBe(Math.max(1, Math.floor(availableParallelism() * 1.5)));
});

/** jest.config.js sets NODE_OPTIONS before jest forks its workers, which inherit it and which Node reads as each starts. */
test('jest workers run with a 64 MB young generation', () => {
  expect(process.env.JEST_WORKER_ID).toBeDefined();
  expect(process.env.NODE_OPTIONS?.split(' ')).toContain('--max-semi-space-size=64');
});
