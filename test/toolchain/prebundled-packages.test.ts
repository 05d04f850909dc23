import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const prebundled = require(path.join(ROOT, 'test', 'jest', 'prebundled-packages.js')) as {
  PREBUNDLED: readonly { name: string; deep?: readonly string[] }[];
  bundleKey: (name: string, inputs: KeyInputs) => string;
  bundlePaths: (options?: { dir?: string; packages?: readonly string[] }) => { name: string; file: string; specifiers: Record<string, string> }[];
  ensureBundles: (options?: { dir?: string; packages?: readonly string[] }) => string[];
  bundleDirOf: (root?: string) => string;
};

interface KeyInputs {
  version: string;
  esbuildVersion: string;
  nodeMajor: string;
  lockfile: Buffer;
  builder: Buffer;
}

const NAMES = prebundled.PREBUNDLED.map((p) => p.name);
/** Every specifier jest maps, with the file that serves it and the bundle behind it. */
const SPECIFIERS = prebundled
  .bundlePaths()
  .flatMap(({ file, specifiers }) => Object.entries(specifiers).map(([specifier, served]) => ({ specifier, served, bundle: file })));

/** Every import specifier in the project's own TypeScript and JavaScript (what git tracks, generated bindings aside). */
function projectSpecifiers(): { file: string; specifier: string }[] {
  const files = execFileSync('git', ['ls-files', '*.ts', '*.js', '*.cjs', '*.mjs'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  const found: { file: string; specifier: string }[] = [];
  const pattern = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g;
  for (const file of files) {
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const match of source.matchAll(pattern)) found.push({ file, specifier: match[1] });
  }
  return found;
}

/** The export names of each specifier as plain Node.js loads it, outside jest and its mapping (one process for all). */
function exportNamesOutsideJest(specifiers: readonly string[]): Map<string, string[]> {
  const script = `process.stdout.write(JSON.stringify(${JSON.stringify(specifiers)}.map((s) => [s, Object.keys(require(s)).sort()])))`;
  return new Map(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as [string, string[]][]);
}

describe('packages jest loads as one bundle each (test/jest/prebundled-packages.js)', () => {
  let exportNames: Map<string, string[]> | undefined;
  const outsideJest = () => (exportNames ??= exportNamesOutsideJest(SPECIFIERS.map(({ specifier }) => specifier)));

  test('the project imports each of them by its bare name or a listed deep path only, so no test loads a second copy of its modules', () => {
    const mapped = new Set(SPECIFIERS.map(({ specifier }) => specifier));
    const imported = projectSpecifiers();
    // A package.json is data, with no module state to duplicate.
    const unmapped = imported.filter(
      ({ specifier }) => NAMES.some((name) => specifier.startsWith(`${name}/`)) && !mapped.has(specifier) && !specifier.endsWith('/package.json'),
    );
    expect(unmapped).toEqual([]);
    // The check sees imports at all, and the lists do not outlive their use: every mapped specifier is imported.
    const used = new Set(imported.map(({ specifier }) => specifier));
    expect([...mapped].filter((specifier) => !used.has(specifier))).toEqual([]);
  });

  test.each(SPECIFIERS)(
    '$specifier resolves, inside jest, to its bundle, which exports what the installed package exports',
    ({ specifier, served, bundle }) => {
      // By real path: a checkout may link its node_modules (as the review's and the bench's worktrees do).
      expect(fs.realpathSync(require.resolve(specifier))).toBe(fs.realpathSync(served));
      expect(Object.keys(require(specifier) as object).sort()).toEqual(outsideJest().get(specifier));
      if (served !== bundle) {
        // A deep module is the bundle's own instance, the one its index uses, not a copy.
        expect(require(specifier)).toBe((require(bundle) as Record<string, unknown>)[specifier]);
      }
    },
  );

  test('a bundle is named for everything that decides its bytes', () => {
    const inputs: KeyInputs = { version: '1.0.0', esbuildVersion: '0.25.12', nodeMajor: '20', lockfile: Buffer.from('lock'), builder: Buffer.from('options') };
    const key = prebundled.bundleKey('zod', inputs);
    expect(prebundled.bundleKey('zod', { ...inputs })).toBe(key);
    const changed = [
      prebundled.bundleKey('yaml', inputs),
      prebundled.bundleKey('zod', { ...inputs, version: '1.0.1' }),
      prebundled.bundleKey('zod', { ...inputs, esbuildVersion: '0.26.0' }),
      prebundled.bundleKey('zod', { ...inputs, nodeMajor: '22' }),
      prebundled.bundleKey('zod', { ...inputs, lockfile: Buffer.from('lock2') }),
      prebundled.bundleKey('zod', { ...inputs, builder: Buffer.from('other options') }),
    ];
    expect(new Set([key, ...changed]).size).toBe(changed.length + 1);
  });

  test('a missing bundle is built once and works, and building a newer one removes the older', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prebundled-'));
    try {
      const older = path.join(dir, 'yaml-0123456789abcdef.js');
      const otherPackage = path.join(dir, 'zod-0123456789abcdef.js');
      for (const file of [older, otherPackage]) fs.writeFileSync(file, 'module.exports = {};\n');

      expect(prebundled.ensureBundles({ dir, packages: ['yaml'] })).toEqual(['yaml']);
      const [{ file }] = prebundled.bundlePaths({ dir, packages: ['yaml'] });
      expect(fs.readdirSync(dir).sort()).toEqual([path.basename(file), path.basename(otherPackage)].sort());
      const written = fs.statSync(file).mtimeMs;
      expect(prebundled.ensureBundles({ dir, packages: ['yaml'] })).toEqual([]);
      expect(fs.statSync(file).mtimeMs).toBe(written);

      const parsed = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(file)}).parse('a: [1, 2]')))`], {
        encoding: 'utf8',
      });
      expect({ status: parsed.status, stdout: parsed.stdout }).toEqual({ status: 0, stdout: '{"a":[1,2]}' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a package with deep imports gets its bundle and one file per specifier, each serving the bundle’s own module', () => {
    // Under node_modules, where the bundle's external `constructs` resolves, as it does for jest's own bundles.
    const dir = fs.mkdtempSync(path.join(prebundled.bundleDirOf(ROOT), '..', 'prebundled-deep-'));
    try {
      const olderShim = path.join(dir, 'cdktf-0123456789abcdef.lib__tokens.js');
      fs.writeFileSync(olderShim, 'module.exports = {};\n');
      expect(prebundled.ensureBundles({ dir, packages: ['cdktf'] })).toEqual(['cdktf']);
      const [{ file, specifiers }] = prebundled.bundlePaths({ dir, packages: ['cdktf'] });
      expect(fs.readdirSync(dir).sort()).toEqual([file, ...Object.values(specifiers)].map((f) => path.basename(f)).sort());

      const check = `const bundle = require(${JSON.stringify(file)}); const served = ${JSON.stringify(specifiers)};
        process.stdout.write(JSON.stringify(Object.entries(served).map(([s, f]) => [s, require(f) === bundle[s]]).concat([['App', typeof require(served.cdktf).App]])));`;
      const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
      expect({ status: result.status, stdout: JSON.parse(result.stdout || '[]') }).toEqual({
        status: 0,
        stdout: [...Object.keys(specifiers).map((s) => [s, true]), ['App', 'function']],
      });

      // A lost specifier file is built again, with the bundle.
      fs.rmSync(specifiers['cdktf/lib/_tokens']);
      expect(prebundled.ensureBundles({ dir, packages: ['cdktf'] })).toEqual(['cdktf']);
      expect(fs.existsSync(specifiers['cdktf/lib/_tokens'])).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
