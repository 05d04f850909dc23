import { execFileSync, spawnSync } from 'node:child_process';
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
 * module twice, in two files and two runs, and finds the lines and columns its errors report to be the ones plain
 * Node.js reports (the runtime wraps each module on its first line).
 */
test('the code-cache runtime caches each module it compiles and runs the same tests with that cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-runtime-'));
  try {
    const source = [
      `module.exports = { answer: 6 * 7, stamp: ${JSON.stringify(dir)}, failHere: () => { throw new Error('line 1'); } };`,
      "module.exports.failThere = () => { throw new Error('line 2'); };",
      '',
    ].join('\n');
    writeFileSync(join(dir, 'answer.js'), source);
    const positions = `
      const positionOf = (fail) => { try { fail(); } catch (error) { return error.stack.split('\\n')[1].match(/answer\\.js:(\\d+):(\\d+)/).slice(1).map(Number); } };
      const { failHere, failThere } = require('./answer');
      const positions = [positionOf(failHere), positionOf(failThere)];`;
    const outsideJest = execFileSync(process.execPath, ['-e', `${positions}\nprocess.stdout.write(JSON.stringify(positions));`], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(JSON.parse(outsideJest)).toEqual([
      [1, expect.any(Number)],
      [2, expect.any(Number)],
    ]);
    const testFile = `test('answer', () => {\n${positions}\n  expect(require('./answer').answer).toBe(42);\n  expect(positions).toEqual(${outsideJest});\n});\n`;
    for (const name of ['a', 'b']) writeFileSync(join(dir, `${name}.test.js`), testFile);
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

/**
 * One worker names each module's cache file once for its source (hashing a 10 MB bundle again in every test file cost
 * more than comparing it): a module whose source changed between two test files gets the entry of its new source.
 */
test('a module whose source changes between test files in one worker is cached under its new source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'code-cache-runtime-'));
  try {
    const sourceWith = (answer: number) => `module.exports = { answer: ${answer}, stamp: ${JSON.stringify(dir)} };\n`;
    writeFileSync(join(dir, 'answer.js'), sourceWith(42));
    // Whichever file runs first finds 42 and leaves 43 for the other.
    const testFile = `const fs = require('node:fs');
test('answer', () => {
  const source = fs.readFileSync(require.resolve('./answer'), 'utf8');
  const expected = Number(/answer: (\\d+)/.exec(source)[1]);
  expect(require('./answer').answer).toBe(expected);
  fs.writeFileSync(require.resolve('./answer'), source.replace(String(expected), String(expected + 1)));
});
`;
    for (const name of ['a', 'b']) writeFileSync(join(dir, `${name}.test.js`), testFile);
    writeFileSync(join(dir, 'jest.config.json'), JSON.stringify({ rootDir: dir, runtime: RUNTIME, cacheDirectory: join(dir, 'cache'), transform: {} }));

    const run = runJest(dir);
    expect({ status: run.status, output: run.output }).toEqual({ status: 0, output: expect.stringContaining('2 passed') });
    const cacheDir = cacheDirOf({ cacheDirectory: join(dir, 'cache') });
    expect([42, 43].map((answer) => statSync(cacheFile(cacheDir, sourceWith(answer)), { throwIfNoEntry: false }) !== undefined)).toEqual([true, true]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
