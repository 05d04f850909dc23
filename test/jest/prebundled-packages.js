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
 * A bundle is a second copy of the package's modules, so only a package the project imports by its bare name alone
 * may be listed: a deep import (`zod/v4/core`) would load the original files beside the bundle, with classes that
 * fail `instanceof` against the bundle's. test/toolchain/prebundled-packages.test.ts checks that for every package
 * below.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Each entry: the package, and how many files jest would otherwise load for it (the reason it is here). */
const PREBUNDLED = [
  { name: '@okta/okta-sdk-nodejs', files: 'about 2,460 with its dependencies' },
  { name: 'zod', files: '95' },
  { name: 'yaml', files: '72' },
  { name: 'jose', files: '83' },
];

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
 * Where the bundle of each package is, for the installed versions. Options (for the tests): `root`, the checkout whose
 * packages and lockfile count; `dir`, where bundles go; `packages`, which of {@link PREBUNDLED}'s names.
 */
function bundlePaths({ root = ROOT, dir = bundleDirOf(root), packages = PREBUNDLED.map((p) => p.name) } = {}) {
  const inputs = currentInputs(root);
  return packages.map((name) => {
    const version = require(require.resolve(`${name}/package.json`, { paths: [root] })).version;
    const file = path.join(dir, `${fileStem(name)}-${bundleKey(name, { ...inputs, version })}.js`);
    return { name, file };
  });
}

/** jest's `moduleNameMapper`: the bare name of each listed package, and only that, to its bundle. */
function moduleNameMapper(options) {
  return Object.fromEntries(bundlePaths(options).map(({ name, file }) => [`^${escapeRegExp(name)}$`, file]));
}

/**
 * Builds each missing bundle (about a second for the Okta SDK) and removes the package's older ones; returns the
 * names it built. Written under a temporary name and renamed, so a jest started in parallel never reads half a file.
 * Options as {@link bundlePaths}'.
 */
function ensureBundles(options = {}) {
  const esbuild = require('esbuild');
  const root = options.root ?? ROOT;
  const { nodeMajor } = currentInputs(root);
  const built = [];
  for (const { name, file } of bundlePaths(options)) {
    if (fs.existsSync(file)) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let result;
    try {
      result = esbuild.buildSync({
        entryPoints: [require.resolve(name, { paths: [root] })],
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
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, result.outputFiles[0].contents);
    fs.renameSync(partial, file);
    const olderOfThisPackage = new RegExp(`^${escapeRegExp(fileStem(name))}-[0-9a-f]{16}\\.js$`);
    for (const old of fs.readdirSync(path.dirname(file))) {
      if (olderOfThisPackage.test(old) && old !== path.basename(file)) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    }
    built.push(name);
  }
  return built;
}

module.exports = { PREBUNDLED, bundleDirOf, bundleKey, bundlePaths, moduleNameMapper, ensureBundles };
