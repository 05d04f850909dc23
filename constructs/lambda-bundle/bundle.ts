import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { type CacheRequest, cachedBundle, recordBundle, writeFileAtomically } from './bundle-cache';
import { zipSync } from './zip';

/** Every file of a bundle gets this modification time, so the zip cdktf builds from it is byte-for-byte repeatable. */
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/** The Lambda runtime the bundles target; esbuild's `target` must match it. */
export const NODE_TARGET = 'node22';

export interface BundleOptions {
  /** The handler module, absolute or relative to `projectRoot`. */
  readonly entry: string;
  /**
   * Root that source-map paths are relative to, so two checkouts at different places build identical bundles.
   * @default - the repository root
   */
  readonly projectRoot?: string;
  /**
   * Modules left out of the bundle and loaded from the runtime instead.
   * @default - none: the AWS SDK is bundled (see the README for the measurement behind that choice)
   */
  readonly external?: readonly string[];
  /**
   * Where content-addressed bundle directories are written.
   * @default - `<os tmpdir>/lambda-bundles`
   */
  readonly cacheDir?: string;
}

export interface Bundle {
  /** A directory holding only `index.js` and `index.js.map`, named after {@link hash}. */
  readonly directory: string;
  /** SHA-256 over the names and bytes of the bundle files: equal bundles have equal hashes, wherever they were built. */
  readonly hash: string;
  /** Size in bytes of each output file. */
  readonly sizes: Readonly<Record<string, number>>;
  /** Source files that went into the bundle, relative to the project root, sorted. */
  readonly inputs: readonly string[];
  /** `<cacheDir>/zip-<hash>/archive.zip`: the files of {@link directory}, zipped deterministically for Lambda. */
  readonly archive: string;
}

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

export { BUNDLE_CACHE_ENV } from './bundle-cache';

/**
 * Everything besides the input files that decides the bundle: esbuild's version, this file (the options below, the
 * source-map rewrite), the zip and the cache's rules, and what the caller asked for. Part of the cache key.
 */
const BUILDER = createHash('sha256')
  .update(esbuildVersion)
  .update('\0')
  .update(fs.readFileSync(__filename))
  .update('\0')
  .update(fs.readFileSync(path.join(__dirname, `zip${path.extname(__filename)}`)))
  .update('\0')
  .update(fs.readFileSync(path.join(__dirname, `bundle-cache${path.extname(__filename)}`)))
  .digest('hex');

/**
 * Bundles one Lambda handler with esbuild: minified CommonJS for Node.js 22 with a linked source map, and only the
 * modules the handler imports.
 *
 * The hash is taken over the output rather than the inputs, so it changes exactly when the code that would run
 * changes: an edit to a file the handler never imports, or to a comment esbuild strips, leaves it (and the deployed
 * function) alone. The map omits `sourcesContent` and names sources relative to the checkout, a dependency reached
 * through a linked `node_modules` by its path inside `node_modules`, so two checkouts build the same bytes.
 *
 * Bundles are cached on disk across processes (`cdktf synth`, every jest worker) at two levels (bundle-cache.ts). A
 * manifest per handler and checkout records the input files of the last build with their stats and a digest of their
 * bytes: unchanged stats, or else the same bytes, reuse the recorded bundle at the cost of a stat per input. Without
 * a valid manifest (a new checkout, such as the review's base worktree), an entry shared by all checkouts, keyed
 * without the checkout's path, records the inputs under checkout-independent names with a digest of their bytes and
 * of every `package.json` and `tsconfig.json` on their way: when this checkout holds the same, esbuild would build the
 * same bytes here, so that bundle is reused and this checkout gets its own manifest. A changed input rebuilds. Not
 * detected at either level: a new file that changes how an unchanged import resolves (delete the cache directory).
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const root = path.resolve(options.projectRoot ?? REPOSITORY_ROOT);
  const request: CacheRequest = {
    builder: BUILDER,
    root,
    entry: path.resolve(root, options.entry),
    external: [...(options.external ?? [])].sort(),
    cacheDir: options.cacheDir ?? path.join(os.tmpdir(), 'lambda-bundles'),
  };
  return cachedBundle(request) ?? recordBundle(request, build(options, root, request.cacheDir));
}

/**
 * A source-map source as a path that is the same in every checkout: relative to the checkout (as `../<path>` from the
 * map's `.bundle/` anchor), and for a file outside it (a linked `node_modules`) its path from the last `node_modules/`.
 */
export function checkoutIndependentSource(source: string, outdir: string, root: string): string {
  const absolute = path.resolve(outdir, source);
  let relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    const marker = `${path.sep}node_modules${path.sep}`;
    const at = absolute.lastIndexOf(marker);
    relative = at >= 0 ? absolute.slice(at + 1) : path.join('external', path.basename(absolute));
  }
  return `../${relative.split(path.sep).join('/')}`;
}

function build(options: BundleOptions, projectRoot: string, cacheDir: string): Bundle {
  const entry = path.resolve(projectRoot, options.entry);
  if (!fs.existsSync(entry)) {
    throw new Error(`cannot bundle ${entry}: the file does not exist; check the handler path (relative to ${projectRoot})`);
  }
  const outdir = path.join(projectRoot, '.bundle');
  const buildOptions: BuildOptions = {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    // Never written: it only anchors the relative paths in the source map at a checkout-independent place.
    outfile: path.join(outdir, 'index.js'),
    write: false,
    bundle: true,
    platform: 'node',
    target: NODE_TARGET,
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    external: [...(options.external ?? [])],
    logLevel: 'silent',
  };
  const result = (() => {
    try {
      return buildSync(buildOptions);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`esbuild could not bundle ${path.relative(projectRoot, entry)}: ${detail}`);
    }
  })();

  const files = (result.outputFiles ?? [])
    .map((file) => {
      const name = path.basename(file.path);
      if (!name.endsWith('.map')) return { name, contents: Buffer.from(file.contents) };
      const map = JSON.parse(Buffer.from(file.contents).toString('utf8')) as { sources: string[] };
      map.sources = map.sources.map((source) => checkoutIndependentSource(source, outdir, projectRoot));
      return { name, contents: Buffer.from(JSON.stringify(map)) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!files.some((file) => file.name === 'index.js')) {
    throw new Error(`esbuild produced no index.js for ${path.relative(projectRoot, entry)}; this is a bug in the bundle options`);
  }
  const digest = createHash('sha256');
  for (const file of files) digest.update(file.name).update('\0').update(file.contents).update('\0');
  const hash = digest.digest('hex');

  const directory = path.join(cacheDir, hash);
  if (!fs.existsSync(directory)) writeAtomically(directory, files);
  const archive = path.join(cacheDir, `zip-${hash}`, 'archive.zip');
  if (!fs.existsSync(archive)) writeFileAtomically(archive, zipSync(files));
  return {
    directory,
    archive,
    hash,
    sizes: Object.fromEntries(files.map((file) => [file.name, file.contents.length])),
    inputs: Object.keys(result.metafile?.inputs ?? {}).sort(),
  };
}

/** Writes into a sibling temporary directory and renames it, so a concurrent synth never sees half a bundle. */
function writeAtomically(directory: string, files: readonly { name: string; contents: Buffer }[]): void {
  fs.mkdirSync(path.dirname(directory), { recursive: true });
  const staging = fs.mkdtempSync(`${directory}.tmp-`);
  for (const file of files) {
    const target = path.join(staging, file.name);
    fs.writeFileSync(target, file.contents);
    fs.utimesSync(target, FIXED_MTIME, FIXED_MTIME);
  }
  try {
    fs.renameSync(staging, directory);
  } catch (error) {
    // Another process wrote the same content-addressed directory first: its files are identical to ours.
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(directory)) throw error;
  }
}
