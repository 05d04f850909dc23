import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RUNTIME = join(ROOT, 'test', 'jest', 'code-cache-runtime.js');
const { cacheDirOf, cacheFile } = require(RUNTIME) as {
  cacheDirOf: (config: { cacheDirectory: string }) => string;
  cacheFile: (dir: string, source: string) => string;
};

/** Runs jest in a child process over one small project in `dir`, with the project's runtime; returns its exit code. */
function runJest(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', join(dir, 'jest.config.json'), '-i'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * The code-cache runtime (jest.config.js `runtime`) keeps V8's compiled code of each module in jest's cache
 * directory, and a module loaded through it behaves as it does under jest's own runtime: here a test that requires a
 * module twice, in two files and two runs.
 */
test('the code-cache runtime caches each module it compiles and runs the same tests with that cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-runtime-'));
  try {
    const source = `module.exports = { answer: 6 * 7, stamp: ${JSON.stringify(dir)} };\n`;
    writeFileSync(join(dir, 'answer.js'), source);
    for (const name of ['a', 'b']) writeFileSync(join(dir, `${name}.test.js`), "test('answer', () => expect(require('./answer').answer).toBe(42));\n");
    writeFileSync(join(dir, 'jest.config.json'), JSON.stringify({ rootDir: dir, runtime: RUNTIME, cacheDirectory: join(dir, 'cache'), transform: {} }));

    const first = runJest(dir);
    expect({ status: first.status, output: first.output }).toEqual({ status: 0, output: expect.stringContaining('2 passed') });
    const cached = cacheFile(cacheDirOf({ cacheDirectory: join(dir, 'cache') }), source);
    const written = statSync(cached).mtimeMs;

    const second = runJest(dir);
    expect({ status: second.status, output: second.output }).toEqual({ status: 0, output: expect.stringContaining('2 passed') });
    expect(statSync(cached).mtimeMs).toBe(written);
    expect(readdirSync(cacheDirOf({ cacheDirectory: join(dir, 'cache') })).filter((file) => file.endsWith('.partial'))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
