import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { BridgeFunction } from '../../constructs/bridge-function';
import { type Bundle, bundleHandler, type BundleOptions } from '../../constructs/lambda-bundle';

/** A tiny project: a handler, the module it imports, and a module nobody imports. */
function writeFixture(root: string, greeting = 'hello'): void {
  fs.mkdirSync(path.join(root, 'src'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'src', 'handler.ts'),
    "import { greet } from './greet';\nexport async function handler(event: { name: string }) {\n  return { body: greet(event.name) };\n}\n",
  );
  fs.writeFileSync(path.join(root, 'src', 'greet.ts'), `export function greet(name: string): string {\n  return \`${greeting}, \${name}\`;\n}\n`);
  fs.writeFileSync(path.join(root, 'src', 'unused.ts'), 'export const unused = 1;\n');
}

describe('bundleHandler', () => {
  let workspace: string;
  let cacheDir: string;
  const optionsFor = (root: string): BundleOptions => ({ entry: 'src/handler.ts', projectRoot: root, cacheDir });

  beforeEach(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
    cacheDir = path.join(workspace, 'cache');
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  test('produces a runnable minified CommonJS bundle with a linked source map, and nothing else', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const bundle = bundleHandler(optionsFor(root));
    expect(fs.readdirSync(bundle.directory).sort()).toEqual(['index.js', 'index.js.map']);
    const code = fs.readFileSync(path.join(bundle.directory, 'index.js'), 'utf8');
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code.split('\n').length).toBeLessThan(5);
    const map = JSON.parse(fs.readFileSync(path.join(bundle.directory, 'index.js.map'), 'utf8'));
    expect([...map.sources].sort()).toEqual(['../src/greet.ts', '../src/handler.ts']);
    expect(map).not.toHaveProperty('sourcesContent');
    expect(bundle.inputs).toEqual(['src/greet.ts', 'src/handler.ts']);
    const loaded = require(path.join(bundle.directory, 'index.js'));
    return expect(loaded.handler({ name: 'Ada' })).resolves.toEqual({ body: 'hello, Ada' });
  });

  test('is deterministic: the same sources in another checkout give the same hash and the same bytes', () => {
    const [first, second] = ['a', 'elsewhere/b'].map((dir) => path.join(workspace, dir));
    writeFixture(first);
    writeFixture(second);
    const one = bundleHandler(optionsFor(first));
    const two = bundleHandler({ ...optionsFor(second), cacheDir: path.join(workspace, 'other-cache') });
    expect(two.hash).toBe(one.hash);
    for (const file of ['index.js', 'index.js.map']) {
      expect(fs.readFileSync(path.join(two.directory, file))).toEqual(fs.readFileSync(path.join(one.directory, file)));
      expect(fs.statSync(path.join(two.directory, file)).mtimeMs).toBe(fs.statSync(path.join(one.directory, file)).mtimeMs);
    }
  });

  test('changes the hash when code the handler imports changes, and back when the change is undone', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const before = bundleHandler(optionsFor(root));
    writeFixture(root, 'goodbye');
    const changed = bundleHandler(optionsFor(root));
    expect(changed.hash).not.toBe(before.hash);
    expect(fs.readFileSync(path.join(changed.directory, 'index.js'), 'utf8')).toContain('goodbye');
    writeFixture(root);
    expect(bundleHandler(optionsFor(root)).hash).toBe(before.hash);
  });

  test('keeps the hash when only files outside the bundle, or comments esbuild strips, change', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const before = bundleHandler(optionsFor(root));
    fs.writeFileSync(path.join(root, 'src', 'unused.ts'), 'export const unused = 2;\n');
    fs.writeFileSync(path.join(root, 'README.md'), 'docs change\n');
    const greet = path.join(root, 'src', 'greet.ts');
    fs.writeFileSync(greet, fs.readFileSync(greet, 'utf8').replace('{\n', '{ // a comment on the same line\n'));
    expect(bundleHandler(optionsFor(root)).hash).toBe(before.hash);
  });

  test('fails with the path when the handler does not exist', () => {
    expect(() => bundleHandler({ entry: 'src/missing.ts', projectRoot: workspace, cacheDir })).toThrow(
      /cannot bundle .*src\/missing\.ts: the file does not exist; check the handler path/,
    );
  });

  test('fails with esbuild’s message when an import cannot be resolved', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    fs.writeFileSync(path.join(root, 'src', 'handler.ts'), "import { nothing } from './nowhere';\nexport const handler = nothing;\n");
    expect(() => bundleHandler(optionsFor(root))).toThrow(/esbuild could not bundle src\/handler\.ts: .*nowhere/s);
  });

  /** `bundleHandler` of a fresh module instance (as in a new process), with esbuild replaced by `esbuild`. */
  function freshBundler(esbuild: () => unknown): typeof bundleHandler {
    let fresh: typeof bundleHandler | undefined;
    jest.isolateModules(() => {
      jest.doMock('esbuild', esbuild);
      fresh = require('../../constructs/lambda-bundle/bundle').bundleHandler;
    });
    jest.dontMock('esbuild');
    return fresh!;
  }
  const noEsbuild = () => ({
    ...jest.requireActual('esbuild'),
    buildSync: () => {
      throw new Error('esbuild ran');
    },
  });

  test('a later process reuses the bundle from the disk cache without running esbuild while no input changed', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const first = bundleHandler(optionsFor(root));
    expect(freshBundler(noEsbuild)(optionsFor(root))).toEqual(first);
  });

  test('a later process rebuilds when an input changed, and the cache then holds the new bundle', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const first = bundleHandler(optionsFor(root));
    writeFixture(root, 'goodbye');
    const rebuilt = freshBundler(() => jest.requireActual('esbuild'))(optionsFor(root));
    expect(rebuilt.hash).not.toBe(first.hash);
    expect(freshBundler(noEsbuild)(optionsFor(root)).hash).toBe(rebuilt.hash);
  });

  const manifestStats = (): string[] =>
    fs.readdirSync(path.join(cacheDir, 'manifests')).map((file) => JSON.parse(fs.readFileSync(path.join(cacheDir, 'manifests', file), 'utf8')).inputsStats);

  test('inputs rewritten with the same bytes are reused without esbuild, and the manifest then trusts their new stats', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const first = bundleHandler(optionsFor(root));
    const [before] = manifestStats();
    fs.utimesSync(path.join(root, 'src', 'greet.ts'), new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    expect(freshBundler(noEsbuild)(optionsFor(root))).toEqual(first);
    const [after] = manifestStats();
    expect(after).not.toBe(before);
    expect(freshBundler(noEsbuild)(optionsFor(root))).toEqual(first);
  });

  test('an input changed to other bytes of the same size rebuilds (its modification time moved)', () => {
    const root = path.join(workspace, 'a');
    writeFixture(root, 'hello');
    const first = bundleHandler(optionsFor(root));
    fs.utimesSync(path.join(root, 'src', 'greet.ts'), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    writeFixture(root, 'HELLO');
    const rebuilt = freshBundler(() => jest.requireActual('esbuild'))(optionsFor(root));
    expect(rebuilt.hash).not.toBe(first.hash);
  });

  test(`${'LAMBDA_BUNDLE_CACHE'}=process keeps bundles in the process only`, () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    process.env.LAMBDA_BUNDLE_CACHE = 'process';
    try {
      bundleHandler(optionsFor(root));
      expect(fs.existsSync(path.join(cacheDir, 'manifests'))).toBe(false);
    } finally {
      delete process.env.LAMBDA_BUNDLE_CACHE;
    }
  });

  test('a worktree whose node_modules links to another checkout builds the same bytes, and no map source names a checkout', () => {
    const main = path.join(workspace, 'main');
    const worktree = path.join(workspace, 'worktrees', 'feature');
    for (const root of [main, worktree]) {
      writeFixture(root);
      fs.writeFileSync(path.join(root, 'src', 'greet.ts'), "import { shout } from 'shouty';\nexport const greet = (name: string) => shout(name);\n");
    }
    fs.mkdirSync(path.join(main, 'node_modules', 'shouty'), { recursive: true });
    fs.writeFileSync(path.join(main, 'node_modules', 'shouty', 'index.js'), 'exports.shout = (s) => s.toUpperCase();\n');
    fs.symlinkSync(path.join(main, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
    const one = bundleHandler(optionsFor(main));
    const two = bundleHandler({ ...optionsFor(worktree), cacheDir: path.join(workspace, 'other-cache') });
    expect(two.hash).toBe(one.hash);
    const map = JSON.parse(fs.readFileSync(path.join(two.directory, 'index.js.map'), 'utf8'));
    expect([...map.sources].sort()).toEqual(['../node_modules/shouty/index.js', '../src/greet.ts', '../src/handler.ts']);
    for (const source of map.sources) expect(source).not.toMatch(/main|worktrees|feature|bundle-test/);
  });

  test("the function's source_code_hash and asset path follow the bundle hash", () => {
    const root = path.join(workspace, 'a');
    writeFixture(root);
    const synthFunction = () =>
      JSON.parse(
        Testing.synthScope((scope) => {
          new BridgeFunction(scope, 'Fn', {
            functionName: 'fixture',
            description: 'fixture',
            entry: 'src/handler.ts',
            memoryMb: 128,
            timeoutSeconds: 3,
            logRetentionDays: 7,
            bundling: { projectRoot: root, cacheDir },
          });
        }),
      ).resource.aws_lambda_function;
    const [before] = Object.values<any>(synthFunction());
    expect(before.source_code_hash).toBe(bundleHandler(optionsFor(root)).hash);
    expect(before.filename).toContain(`/${before.source_code_hash}/archive.zip`);
    writeFixture(root, 'goodbye');
    const [after] = Object.values<any>(synthFunction());
    expect(after.source_code_hash).not.toBe(before.source_code_hash);
    expect(after.source_code_hash).toBe(bundleHandler(optionsFor(root)).hash);
  });

  describe('across checkouts', () => {
    /** The tiny project, its greeting from a dependency whose `package.json` decides the file it loads. */
    function writeProject(root: string): void {
      writeFixture(root);
      fs.writeFileSync(path.join(root, 'src', 'greet.ts'), "import { shout } from 'shouty';\nexport const greet = (name: string) => shout(name);\n");
      fs.writeFileSync(path.join(root, 'package.json'), '{ "name": "fixture", "private": true }\n');
      fs.writeFileSync(path.join(root, 'tsconfig.json'), '{ "compilerOptions": { "strict": true } }\n');
    }
    function writeShouty(nodeModules: string, version = '1.0.0'): void {
      fs.mkdirSync(path.join(nodeModules, 'shouty', 'lib'), { recursive: true });
      fs.writeFileSync(path.join(nodeModules, 'shouty', 'package.json'), JSON.stringify({ name: 'shouty', version, main: 'lib/index.js' }));
      fs.writeFileSync(path.join(nodeModules, 'shouty', 'lib', 'index.js'), 'exports.shout = (s) => s.toUpperCase();\n');
    }
    /** Checkout `a` with its packages installed, and `b` elsewhere with the same sources, its node_modules linked to a's (as the review's base worktree). */
    function twoCheckouts(): [string, string] {
      const [a, b] = ['a', 'elsewhere/b'].map((dir) => path.join(workspace, dir));
      writeProject(a);
      writeShouty(path.join(a, 'node_modules'));
      writeProject(b);
      fs.symlinkSync(path.join(a, 'node_modules'), path.join(b, 'node_modules'), 'dir');
      return [a, b];
    }
    /** A fresh `bundleHandler` (a new process) with the real esbuild, and how many times it ran. */
    function countingBundler(): { bundle: typeof bundleHandler; runs: () => number } {
      let runs = 0;
      const bundle = freshBundler(() => {
        const actual = jest.requireActual('esbuild');
        return { ...actual, buildSync: (options: unknown) => ((runs += 1), actual.buildSync(options)) };
      });
      return { bundle, runs: () => runs };
    }
    const located = ({ hash, directory, archive }: Bundle) => ({ hash, directory, archive });
    const sharedIndex = () => path.join(cacheDir, 'shared');

    test('a new checkout of the same sources reuses the bundle without esbuild, then from its own manifest', () => {
      const [a, b] = twoCheckouts();
      const first = bundleHandler(optionsFor(a));
      const second = freshBundler(noEsbuild)(optionsFor(b));
      expect(located(second)).toEqual(located(first));
      // What esbuild itself builds and lists in b: the same bytes, and b's own names for the inputs.
      const builtInB = bundleHandler({ ...optionsFor(b), cacheDir: path.join(workspace, 'other-cache') });
      expect(second.hash).toBe(builtInB.hash);
      expect(second.inputs).toEqual(builtInB.inputs);
      expect(second.inputs).toContain(path.join('..', '..', 'a', 'node_modules', 'shouty', 'lib', 'index.js'));
      fs.rmSync(sharedIndex(), { recursive: true });
      expect(freshBundler(noEsbuild)(optionsFor(b))).toEqual(second);
    });

    test('a changed byte of an input in the new checkout runs esbuild', () => {
      const [a, b] = twoCheckouts();
      const first = bundleHandler(optionsFor(a));
      fs.writeFileSync(path.join(b, 'src', 'greet.ts'), "import { shout } from 'shouty';\nexport const greet = (name: string) => shout(name + '!');\n");
      const counting = countingBundler();
      expect(counting.bundle(optionsFor(b)).hash).not.toBe(first.hash);
      expect(counting.runs()).toBe(1);
    });

    test('a copied node_modules with the same packages is reused, but a dependency’s changed package.json runs esbuild', () => {
      const [a, copy, bumped] = ['a', 'copy', 'bumped'].map((dir) => path.join(workspace, dir));
      for (const root of [a, copy, bumped]) writeProject(root);
      writeShouty(path.join(a, 'node_modules'));
      writeShouty(path.join(copy, 'node_modules'));
      writeShouty(path.join(bumped, 'node_modules'), '1.0.1');
      const first = bundleHandler(optionsFor(a));
      expect(located(freshBundler(noEsbuild)(optionsFor(copy)))).toEqual(located(first));
      const counting = countingBundler();
      expect(counting.bundle(optionsFor(bumped)).hash).toBe(first.hash);
      expect(counting.runs()).toBe(1);
    });

    test.each(['tsconfig.json', 'package.json'])('a changed root %s in the new checkout runs esbuild', (file) => {
      const [a, b] = twoCheckouts();
      bundleHandler(optionsFor(a));
      fs.writeFileSync(path.join(b, file), '{ "compilerOptions": { "strict": false } }\n');
      const counting = countingBundler();
      counting.bundle(optionsFor(b));
      expect(counting.runs()).toBe(1);
    });

    test('a bundle built through linked node_modules is reused in the checkout that holds them, a nested dependency by its full path', () => {
      const [a, b] = twoCheckouts();
      const nodeModules = path.join(a, 'node_modules');
      fs.writeFileSync(path.join(nodeModules, 'shouty', 'lib', 'index.js'), "exports.shout = require('upper').upper;\n");
      fs.mkdirSync(path.join(nodeModules, 'shouty', 'node_modules', 'upper'), { recursive: true });
      fs.writeFileSync(path.join(nodeModules, 'shouty', 'node_modules', 'upper', 'index.js'), 'exports.upper = (s) => s.toUpperCase();\n');
      fs.mkdirSync(path.join(nodeModules, 'upper'));
      fs.writeFileSync(path.join(nodeModules, 'upper', 'index.js'), 'exports.upper = (s) => s.toLowerCase();\n');
      // Built in b first: its inputs lie outside b, reached through the link, and a hoisted `upper` of other bytes is beside the nested one.
      const first = bundleHandler(optionsFor(b));
      expect(located(freshBundler(noEsbuild)(optionsFor(a)))).toEqual(located(first));
    });

    test(`${'LAMBDA_BUNDLE_CACHE'}=process neither writes nor reads the index shared by checkouts`, () => {
      const [a, b] = twoCheckouts();
      process.env.LAMBDA_BUNDLE_CACHE = 'process';
      try {
        bundleHandler(optionsFor(a));
        bundleHandler(optionsFor(b));
        expect(fs.existsSync(sharedIndex())).toBe(false);
        delete process.env.LAMBDA_BUNDLE_CACHE;
        freshBundler(() => jest.requireActual('esbuild'))(optionsFor(a));
        expect(fs.readdirSync(sharedIndex())).toHaveLength(1);
        process.env.LAMBDA_BUNDLE_CACHE = 'process';
        expect(() => freshBundler(noEsbuild)(optionsFor(b))).toThrow(/esbuild ran/);
      } finally {
        delete process.env.LAMBDA_BUNDLE_CACHE;
      }
    });
  });
});
