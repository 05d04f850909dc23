import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

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
}

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Bundles one Lambda handler with esbuild: minified CommonJS for Node.js 22 with a linked source map, and only the
 * modules the handler imports.
 *
 * The hash is taken over the output rather than the inputs, so it changes exactly when the code that would run
 * changes: an edit to a file the handler never imports, or to a comment esbuild strips, leaves it (and the deployed
 * function) alone. The map omits `sourcesContent`: stack traces still resolve to file and line, and the
 * upload stays small.
 */
export function bundleHandler(options: BundleOptions): Bundle {
  const key = JSON.stringify([path.resolve(options.projectRoot ?? REPOSITORY_ROOT, options.entry), options.projectRoot, options.external, options.cacheDir]);
  const cached = recent.get(key);
  if (cached && fs.existsSync(cached.bundle.directory) && fingerprint(cached.bundle.inputs, cached.root) === cached.inputsFingerprint) {
    return cached.bundle;
  }
  const bundle = build(options);
  const root = path.resolve(options.projectRoot ?? REPOSITORY_ROOT);
  recent.set(key, { bundle, root, inputsFingerprint: fingerprint(bundle.inputs, root) });
  return bundle;
}

/**
 * Bundles of this process, reused while every input file still has the same bytes: a test file or `cdktf synth`
 * that declares the stack several times builds each handler once. Reading ~500 inputs costs milliseconds; esbuild
 * costs up to a second per handler.
 */
const recent = new Map<string, { bundle: Bundle; root: string; inputsFingerprint: string }>();

function fingerprint(inputs: readonly string[], root: string): string {
  const digest = createHash('sha256');
  for (const input of inputs) {
    const file = path.resolve(root, input);
    digest.update(input).update('\0').update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing').update('\0');
  }
  return digest.digest('hex');
}

function build(options: BundleOptions): Bundle {
  const projectRoot = path.resolve(options.projectRoot ?? REPOSITORY_ROOT);
  const entry = path.resolve(projectRoot, options.entry);
  if (!fs.existsSync(entry)) {
    throw new Error(`cannot bundle ${entry}: the file does not exist; check the handler path (relative to ${projectRoot})`);
  }
  const buildOptions: BuildOptions = {
    absWorkingDir: projectRoot,
    entryPoints: [entry],
    // Never written: it only anchors the relative paths in the source map at a checkout-independent place.
    outfile: path.join(projectRoot, '.bundle', 'index.js'),
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
    .map((file) => ({ name: path.basename(file.path), contents: Buffer.from(file.contents) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (!files.some((file) => file.name === 'index.js')) {
    throw new Error(`esbuild produced no index.js for ${path.relative(projectRoot, entry)}; this is a bug in the bundle options`);
  }
  const digest = createHash('sha256');
  for (const file of files) digest.update(file.name).update('\0').update(file.contents).update('\0');
  const hash = digest.digest('hex');

  const directory = path.join(options.cacheDir ?? path.join(os.tmpdir(), 'lambda-bundles'), hash);
  if (!fs.existsSync(directory)) writeAtomically(directory, files);
  return {
    directory,
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
