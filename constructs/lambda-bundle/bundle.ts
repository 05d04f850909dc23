import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
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

/** Set to `process` to keep bundles for the life of the process only (the behaviour before the disk cache). */
export const BUNDLE_CACHE_ENV = 'LAMBDA_BUNDLE_CACHE';

/**
 * Everything besides the input files that decides the bundle: esbuild's version, this file (the options below, the
 * source-map rewrite) and what the caller asked for. Part of the cache key.
 */
const BUILDER = createHash('sha256')
  .update(esbuildVersion)
  .update('\0')
  .update(fs.readFileSync(__filename))
  .update('\0')
  .update(fs.readFileSync(path.join(__dirname, `zip${path.extname(__filename)}`)))
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
 * Bundles are cached on disk across processes (`cdktf synth`, every jest worker): a manifest per handler, keyed by
 * the builder, the options and the checkout, records the input files of the last build with a digest of their bytes
 * and their stats; when every input still has the same stats, or else the same bytes, the recorded bundle is reused
 * without running esbuild. A changed input rebuilds. Not detected: a new file that changes how an unchanged import resolves (delete the cache directory).
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const root = path.resolve(options.projectRoot ?? REPOSITORY_ROOT);
  const cacheDir = options.cacheDir ?? path.join(os.tmpdir(), 'lambda-bundles');
  const key = createHash('sha256')
    .update(JSON.stringify([BUILDER, root, path.resolve(root, options.entry), [...(options.external ?? [])].sort()]))
    .digest('hex');
  const inProcessOnly = process.env[BUNDLE_CACHE_ENV] === 'process';
  const manifestFile = path.join(cacheDir, 'manifests', `${key}.json`);
  const known = recent.get(key) ?? (inProcessOnly ? undefined : readManifest(manifestFile));
  if (known && fs.existsSync(known.bundle.directory) && fs.existsSync(known.bundle.archive)) {
    const stats = statsOf(known.bundle.inputs, root);
    if (stats === known.inputsStats || fingerprint(known.bundle.inputs, root) === known.inputsFingerprint) {
      const entry = { ...known, inputsStats: stats };
      recent.set(key, entry);
      // Touched but unchanged inputs: the next process trusts the new stats instead of reading every byte again.
      if (stats !== known.inputsStats && !inProcessOnly) writeFileAtomically(manifestFile, JSON.stringify(entry));
      return known.bundle;
    }
  }
  const bundle = build(options, root, cacheDir);
  // Stats before bytes: an input written in between has newer stats than its digest, so it is read again next time.
  const inputsStats = statsOf(bundle.inputs, root);
  const entry: CacheEntry = { bundle, inputsFingerprint: fingerprint(bundle.inputs, root), inputsStats };
  recent.set(key, entry);
  if (!inProcessOnly) writeFileAtomically(manifestFile, JSON.stringify(entry));
  return bundle;
}

interface CacheEntry {
  readonly bundle: Bundle;
  readonly inputsFingerprint: string;
  /** Size and modification time of each input when its digest was taken ({@link statsOf}). */
  readonly inputsStats?: string;
}

/**
 * Size and modification time (nanoseconds) of each input, as one string: equal stats are taken as equal bytes, as
 * make, tsc and esbuild's own incremental builds do, so an unchanged checkout costs one stat per input rather than a
 * read (reading the ~1,000 inputs of five handlers was most of a small synth's fixed cost in every test file); any
 * other stat falls back to comparing the digest of the bytes.
 */
function statsOf(inputs: readonly string[], root: string): string {
  return inputs
    .map((input) => {
      const stat = fs.statSync(path.resolve(root, input), { bigint: true, throwIfNoEntry: false });
      return stat ? `${stat.size}:${stat.mtimeNs}:${stat.ino}` : 'missing';
    })
    .join('\n');
}

/** Bundles of this process: a test file or `cdktf synth` that declares the stack several times reads the disk once. */
const recent = new Map<string, CacheEntry>();

function readManifest(file: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheEntry;
    return typeof entry?.inputsFingerprint === 'string' && Array.isArray(entry.bundle?.inputs) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** SHA-256 over each input's path and bytes: reading ~1,000 inputs costs milliseconds, esbuild up to a second per handler. */
function fingerprint(inputs: readonly string[], root: string): string {
  const digest = createHash('sha256');
  for (const input of inputs) {
    const file = path.resolve(root, input);
    let bytes: Buffer | string;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      bytes = 'missing';
    }
    digest.update(input).update('\0').update(bytes).update('\0');
  }
  return digest.digest('hex');
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

/** Writes a file through a temporary sibling and a rename, so a concurrent reader sees the old or the new bytes. */
function writeFileAtomically(file: string, contents: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(staging, contents);
  fs.renameSync(staging, file);
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
