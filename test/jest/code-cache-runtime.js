/**
 * jest's module runtime with V8's code cache kept on disk between test files and runs (jest.config.js `runtime`).
 *
 * jest evaluates every module again for each test file, in that file's own context, and compiles each one from
 * source every time (`vm.compileFunction` without cached data). Most of the project's test files load the same
 * large packages (the AWS SDK, the Okta SDK, cdktf and the provider bindings), so compiling them took more CPU than
 * many tests themselves (docs/benchmarks.md, "7. The test suite"). V8's code cache is context-independent: the cache
 * made by one file's compile is valid for every other file's. A cache entry is keyed by the exact source, under a
 * directory named for the Node.js version and architecture, and V8 itself rejects data it cannot use
 * (then the module compiles from source as before). Nothing about what a module does changes.
 *
 * Modules compile as a `vm.Script` holding the function jest calls, rather than through `vm.compileFunction`, because
 * only a script can make its cache after it ran: a cache made at compile time holds a module's top level alone, and
 * every function in it compiled again in each file (for a bundle, test/jest/prebundled-packages.js, that was all of
 * it). The runtime writes a new entry when the test file ends.
 *
 * It wraps the one method of jest-runtime 30 that compiles (`ModuleExecutor.compile`, reached as
 * `runtime.executor`), and says so if a jest upgrade moves it; test/toolchain/code-cache-runtime.test.ts shows it at work.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Runtime = require('jest-runtime').default;

/** Inside jest's cache directory (so `jest --clearCache` clears it too), one folder per Node.js build. */
function cacheDirOf(config) {
  return path.join(config.cacheDirectory, `v8-code-cache-script-${process.version}-${process.arch}`);
}

/**
 * Keyed by the source alone: the bytecode of a source does not depend on its file's name (V8 takes the name from
 * the script being compiled, not from the cache), so clones of the repository at other paths, CI's included, share
 * the entries.
 */
function cacheFile(dir, source) {
  return path.join(dir, createHash('sha256').update(source).digest('hex'));
}

/**
 * The cache file of each module this worker compiled, with the source it was named for. Each test file reads every
 * module again, and hashing the source again cost more than comparing it (the Okta SDK's bundle is 10 MB: 32 ms of
 * SHA-256, against a few for a string comparison), so a module whose source is unchanged keeps its name.
 */
const cacheFileByModule = new Map();

function cacheFileOf(dir, source, filename) {
  const known = cacheFileByModule.get(filename);
  if (known !== undefined && known.source === source) return known.file;
  const file = cacheFile(dir, source);
  cacheFileByModule.set(filename, { source, file });
  return file;
}

function readCache(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written under a temporary name and renamed, so a parallel worker never reads half a file. */
function writeCache(file, data) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
  } catch {
    // A cache that cannot be written only costs the next run its speed.
  }
}

/**
 * A module's source inside the function jest calls it as, on the source's own first line so that line numbers stay
 * as they are (`columnOffset` takes the prefix back off the first line's columns). A leading `#!` line becomes a
 * comment, as Node.js itself treats it.
 */
function wrapped(scriptSource, parameters) {
  const prefix = `(function (${parameters.join(', ')}) {`;
  const body = scriptSource.startsWith('#!') ? `//${scriptSource}` : scriptSource;
  return { source: `${prefix}${body}\n})`, columnOffset: -prefix.length };
}

class CodeCacheRuntime extends Runtime {
  constructor(config, ...rest) {
    super(config, ...rest);
    const dir = cacheDirOf(config);
    const executor = this.executor;
    if (typeof executor?.compile !== 'function') {
      throw new Error(
        'test/jest/code-cache-runtime.js: this jest-runtime has no `executor.compile` to wrap; adapt the wrapper to it, or take `runtime` out of the jest configs.',
      );
    }
    /** Scripts compiled without usable cached data in this test file: their caches are written at teardown. */
    this.uncachedScripts = [];
    const compileFromSource = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const vmContext = executor.environment.getVmContext();
      if (vmContext == null || executor.resolution.isCoreModule(filename)) return compileFromSource(scriptSource, filename);
      const file = cacheFileOf(dir, scriptSource, filename);
      const cachedData = readCache(file);
      const { source, columnOffset } = wrapped(scriptSource, executor.injectedModuleParameters);
      let script;
      try {
        script = new vm.Script(source, {
          filename,
          columnOffset,
          cachedData,
          importModuleDynamically: (specifier, _script, attributes, ...more) => executor.dynamicImport(specifier, filename, vmContext, attributes, more[0]),
        });
      } catch {
        // jest's own compile turns a syntax error into its messages (ESM hints, code frames).
        return compileFromSource(scriptSource, filename);
      }
      // Data V8 rejects (another V8 build or flags) is replaced by what this compile makes.
      if (cachedData === undefined || script.cachedDataRejected) this.uncachedScripts.push({ script, file });
      return script.runInContext(vmContext);
    };
  }

  /**
   * After the test file ran, not at compile time: by then V8 has also compiled the functions the module defines and
   * the tests called (a bundle's every module is such a function), and the cache keeps those too.
   */
  teardown() {
    for (const { script, file } of this.uncachedScripts.splice(0)) writeCache(file, script.createCachedData());
    return super.teardown();
  }
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
module.exports.cacheDirOf = cacheDirOf;
module.exports.cacheFile = cacheFile;
