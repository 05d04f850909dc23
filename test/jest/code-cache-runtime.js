/**
 * jest's module runtime with V8's code cache kept on disk between test files and runs (jest.config.js `runtime`).
 *
 * jest evaluates every module again for each test file, in that file's own context, and compiles each one from
 * source every time (`vm.compileFunction` without cached data). Most of the project's test files load the same
 * large packages (the AWS SDK, the Okta SDK, cdktf and the provider bindings), so compiling them took more CPU than
 * many tests themselves (docs/benchmarks.md, "The test suite"). V8's code cache is context-independent: the cache
 * made by one file's compile is valid for every other file's. A cache entry is keyed by the exact source, under a
 * directory named for the Node.js version and architecture, and V8 itself rejects data it cannot use
 * (then the module compiles from source as before). Nothing about what a module does changes.
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
  return path.join(config.cacheDirectory, `v8-code-cache-${process.version}-${process.arch}`);
}

/**
 * Keyed by the source alone: the bytecode of a source does not depend on its file's name (V8 takes the name from
 * the script being compiled, not from the cache), so clones of the repository at other paths, CI's included, share
 * the entries.
 */
function cacheFile(dir, source) {
  return path.join(dir, createHash('sha256').update(source).digest('hex'));
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
    const compileFromSource = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const vmContext = executor.environment.getVmContext();
      if (vmContext == null || executor.resolution.isCoreModule(filename)) return compileFromSource(scriptSource, filename);
      const file = cacheFile(dir, scriptSource);
      const cachedData = readCache(file);
      let compiled;
      try {
        compiled = vm.compileFunction(scriptSource, executor.injectedModuleParameters, {
          filename,
          parsingContext: vmContext,
          cachedData,
          produceCachedData: cachedData === undefined,
          importModuleDynamically: (specifier, _fn, attributes, ...rest) => executor.dynamicImport(specifier, filename, vmContext, attributes, rest[0]),
        });
      } catch {
        // jest's own compile turns a syntax error into its messages (ESM hints, code frames).
        return compileFromSource(scriptSource, filename);
      }
      if (compiled.cachedDataProduced) writeCache(file, compiled.cachedData);
      // Data V8 rejects (another V8 build or flags) is dropped; the next compile makes it anew.
      else if (compiled.cachedDataRejected) fs.rmSync(file, { force: true });
      return compiled;
    };
  }
}

module.exports = CodeCacheRuntime;
module.exports.default = CodeCacheRuntime;
module.exports.cacheDirOf = cacheDirOf;
module.exports.cacheFile = cacheFile;
