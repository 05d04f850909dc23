/**
 * Packages that jest loads as one esbuild bundle each instead of file by file (jest.config.js `moduleNameMapper`,
 * built by `globalSetup`).
 *
 * jest evaluates every module again for each test file, and each module costs it a resolve, a read, a transform
 * lookup and a compile. The Okta SDK is 2,005 files and pulls in 460 more (lodash, node-jose, node-forge, ...), so a
 * bridge test file spent about 0.9 s of CPU loading it before its first test ran, and some forty files load it
 * (docs/benchmarks.md, "7. The test suite"). As one bundle it is one module. The code is the installed package's own,
 * bundled the way the bridge's Lambda functions bundle it (constructs/lambda-bundle, also esbuild), but not minified,
 * so names and stack traces stay readable.
 *
 * A bundle is a second copy of the package's modules, so a deep import (`zod/v4/core`) would load the original files
 * beside the bundle, with classes that fail `instanceof` against the bundle's and state of their own. A package is
 * therefore imported by its bare name only, or each of its deep imports is listed in `deep`: the bundle then holds
 * those modules too, and each specifier is mapped to a small file that hands out the bundle's own instance (cdktf's
 * internals, which constructs/cdktf-internals patches, must be the very objects its index uses).
 * test/toolchain/prebundled-packages.test.ts checks both for every package below.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Each entry: the package, how many files jest would otherwise load for it (the reason it is here), the deep imports
 * the project makes of it, and the packages the bundle leaves to jest (`constructs`: the project's own constructs
 * subclass its `Construct`, so there must be one copy).
 */
const PREBUNDLED = [
  { name: '@okta/okta-sdk-nodejs', files: 'about 2,460 with its dependencies' },
  { name: 'zod', files: '95' },
  { name: 'yaml', files: '72' },
  { name: 'jose', files: '83' },
  {
    name: 'cdktf',
    files: '372',
    deep: ['lib/_tokens', 'lib/synthesize/synthesizer', 'lib/testing/adapters/jest', 'lib/tfExpression', 'lib/tokens/private/stack-trace'],
    external: ['constructs'],
  },
];

const entryOf = (name) => PREBUNDLED.find((p) => p.name === name) ?? { name };

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A package name as a file name: `@okta/okta-sdk-nodejs` is `_okta_okta-sdk-nodejs`. */
const fileStem = (name) => name.replace(/[@/]/g, '_');

/** `node_modules/.cache/jest-prebundled`, beside ESLint's cache: `npm ci` starts it afresh. */
function bundleDirOf(root = ROOT) {
  return path.join(root, 'node_modules', '.cache', 'jest-prebundled');
}

/**
 * What decides a bundle's bytes, short of reading every input: the package and its dependencies as the lockfile pins
 * them, the esbuild that bundles, the Node.js it targets and this file (the options). Any change is a new name, so a
 * stale bundle is never used.
 */
function bundleKey(name, inputs) {
  return createHash('sha256')
    .update(JSON.stringify([name, inputs.version, inputs.esbuildVersion, inputs.nodeMajor]))
    .update('\0')
    .update(inputs.lockfile)
    .update('\0')
    .update(inputs.builder)
    .digest('hex')
    .slice(0, 16);
}

function currentInputs(root) {
  const lockfilePath = path.join(root, 'package-lock.json');
  return {
    lockfile: fs.existsSync(lockfilePath) ? fs.readFileSync(lockfilePath) : Buffer.alloc(0),
    builder: fs.readFileSync(__filename),
    esbuildVersion: require('esbuild/package.json').version,
    nodeMajor: process.versions.node.split('.')[0],
  };
}

/**
 * Where the bundle of each package is, for the installed versions, and the file jest loads for each specifier (the
 * bundle itself, or for a package with deep imports, one small file per specifier that picks its module out of the
 * bundle). Options (for the tests): `root`, the checkout whose packages and lockfile count; `dir`, where bundles go;
 * `packages`, which of {@link PREBUNDLED}'s names.
 */
function bundlePaths({ root = ROOT, dir = bundleDirOf(root), packages = PREBUNDLED.map((p) => p.name) } = {}) {
  const inputs = currentInputs(root);
  return packages.map((name) => {
    const version = require(require.resolve(`${name}/package.json`, { paths: [root] })).version;
    const base = `${fileStem(name)}-${bundleKey(name, { ...inputs, version })}`;
    const file = path.join(dir, `${base}.js`);
    const { deep } = entryOf(name);
    const specifiers = deep
      ? Object.fromEntries(['', ...deep].map((sub) => [sub ? `${name}/${sub}` : name, path.join(dir, `${base}.${sub ? fileStem(sub) : 'index'}.js`)]))
      : { [name]: file };
    return { name, file, specifiers };
  });
}

/** jest's `moduleNameMapper`: each specifier of each listed package, and only those, to the file that serves it. */
function moduleNameMapper(options) {
  return Object.fromEntries(
    bundlePaths(options).flatMap(({ specifiers }) => Object.entries(specifiers).map(([specifier, file]) => [`^${escapeRegExp(specifier)}$`, file])),
  );
}

/**
 * What esbuild bundles for a package with deep imports: an object with a getter per specifier, so that a module is
 * evaluated when first asked for, as `require` would, and every specifier shares the bundle's one copy of the rest.
 */
function deepEntrySource(name, deep) {
  const getters = ['', ...deep].map((sub) => {
    const specifier = sub ? `${name}/${sub}` : name;
    return `  get ${JSON.stringify(specifier)}() { return require(${JSON.stringify(specifier)}); },`;
  });
  return `module.exports = {\n${getters.join('\n')}\n};\n`;
}

/**
 * Builds each missing bundle (about a second for the Okta SDK) and removes the package's older ones; returns the
 * names it built. Options as {@link bundlePaths}'.
 */
function ensureBundles(options = {}) {
  const esbuild = require('esbuild');
  const root = options.root ?? ROOT;
  const { nodeMajor } = currentInputs(root);
  const built = [];
  for (const { name, file, specifiers } of bundlePaths(options)) {
    const wanted = [file, ...Object.values(specifiers)];
    if (wanted.every((f) => fs.existsSync(f))) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const { deep, external = [] } = entryOf(name);
    let result;
    try {
      result = esbuild.buildSync({
        ...(deep
          ? { stdin: { contents: deepEntrySource(name, deep), resolveDir: root, sourcefile: `${fileStem(name)}-specifiers.js` } }
          : { entryPoints: [require.resolve(name, { paths: [root] })] }),
        external,
        bundle: true,
        platform: 'node',
        target: `node${nodeMajor}`,
        format: 'cjs',
        // Without it esbuild renames classes that share a name across files (the SDK's `Client` became `Client2`),
        // and a test or a log that reads `.name` would see the difference.
        keepNames: true,
        write: false,
        outfile: file,
        logLevel: 'silent',
      });
    } catch (error) {
      throw new Error(
        `test/jest/prebundled-packages.js: esbuild could not bundle ${name} for jest (${error.message}). Take ${name} out of PREBUNDLED there, and say why beside the list.`,
        { cause: error },
      );
    }
    writeWhole(file, result.outputFiles[0].contents);
    if (deep) {
      for (const [specifier, served] of Object.entries(specifiers)) {
        writeWhole(served, `module.exports = require(${JSON.stringify(`./${path.basename(file)}`)})[${JSON.stringify(specifier)}];\n`);
      }
    }
    const olderOfThisPackage = new RegExp(`^${escapeRegExp(fileStem(name))}-[0-9a-f]{16}(\\.[^.]+)?\\.js$`);
    for (const old of fs.readdirSync(path.dirname(file))) {
      const current = wanted.some((f) => path.basename(f) === old);
      if (olderOfThisPackage.test(old) && !current) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    }
    built.push(name);
  }
  return built;
}

/** Written under a temporary name and renamed, so a jest started in parallel never reads half a file. */
function writeWhole(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}

module.exports = { PREBUNDLED, bundleDirOf, bundleKey, bundlePaths, moduleNameMapper, ensureBundles };
