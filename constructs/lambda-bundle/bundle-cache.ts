import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bundle } from './bundle';

/** Set to `process` to keep bundles for the life of the process only (the behaviour before the disk cache). */
export const BUNDLE_CACHE_ENV = 'LAMBDA_BUNDLE_CACHE';

/** What a bundle is cached under: everything besides the input files that decides it. */
export interface CacheRequest {
  /** Digest of esbuild's version and the bundler's own source (`BUILDER` in bundle.ts). */
  readonly builder: string;
  /** The checkout root, absolute. */
  readonly root: string;
  /** The handler module, absolute. */
  readonly entry: string;
  /** Sorted. */
  readonly external: readonly string[];
  readonly cacheDir: string;
}

/** A bundle recorded for one checkout: its manifest in `<cacheDir>/manifests`. */
interface CacheEntry {
  readonly bundle: Bundle;
  readonly inputsFingerprint: string;
  /** Size and modification time of each input when its digest was taken ({@link statsOf}). */
  readonly inputsStats?: string;
}

/** A bundle recorded for every checkout: its entry in `<cacheDir>/shared`, consulted when a checkout has no valid manifest. */
interface SharedEntry {
  /** The bundle without its inputs, which each checkout names differently. */
  readonly bundle: Omit<Bundle, 'inputs'>;
  /** The inputs under their checkout-independent names ({@link canonicalName}), sorted. */
  readonly inputs: readonly string[];
  /** {@link sharedFingerprint} of those inputs in the checkout that built the bundle. */
  readonly fingerprint: string;
}

/** A file's bytes, or `missing`. */
type Contents = Buffer | string;

/** Bundles of this process: a test file or `cdktf synth` that declares the stack several times reads the disk once. */
const recent = new Map<string, CacheEntry>();

const inProcessOnly = (): boolean => process.env[BUNDLE_CACHE_ENV] === 'process';

const keyOf = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** This checkout's key: by its absolute root and entry, so a moved or new checkout starts without a manifest. */
const localKey = (request: CacheRequest): string => keyOf([request.builder, request.root, request.entry, request.external]);

/** The key every checkout shares: the entry relative to the root, no absolute path. */
const sharedKey = (request: CacheRequest): string => keyOf([request.builder, path.relative(request.root, request.entry), request.external]);

const manifestFile = (request: CacheRequest): string => path.join(request.cacheDir, 'manifests', `${localKey(request)}.json`);
const sharedFile = (request: CacheRequest): string => path.join(request.cacheDir, 'shared', `${sharedKey(request)}.json`);
const stillWritten = (bundle: Omit<Bundle, 'inputs'>): boolean => fs.existsSync(bundle.directory) && fs.existsSync(bundle.archive);

/**
 * The recorded bundle of `request` if its inputs are unchanged: from this process, else this checkout's manifest (a stat
 * per input), else the entry another checkout recorded (every input read; then this checkout gets its own manifest).
 */
export function cachedBundle(request: CacheRequest): Bundle | undefined {
  const { root } = request;
  const [key, file] = [localKey(request), manifestFile(request)];
  const known = recent.get(key) ?? (inProcessOnly() ? undefined : readJson(file, isCacheEntry));
  if (known && stillWritten(known.bundle)) {
    const stats = statsOf(known.bundle.inputs, root);
    if (stats === known.inputsStats || fingerprint(known.bundle.inputs, root) === known.inputsFingerprint) {
      const entry = { ...known, inputsStats: stats };
      recent.set(key, entry);
      // Touched but unchanged inputs: the next process trusts the new stats instead of reading every byte again.
      if (stats !== known.inputsStats && !inProcessOnly()) writeFileAtomically(file, JSON.stringify(entry));
      return known.bundle;
    }
  }
  return inProcessOnly() ? undefined : fromOtherCheckout(request);
}

/** Records a bundle just built for `request`, for this process, this checkout and (unless process-only) every checkout. */
export function recordBundle(request: CacheRequest, bundle: Bundle): Bundle {
  // Stats before bytes: an input written in between has newer stats than its digest, so it is read again next time.
  const inputsStats = statsOf(bundle.inputs, request.root);
  const contents = contentsOf(bundle.inputs, request.root);
  remember(request, { bundle, inputsFingerprint: digestOf(bundle.inputs, contents), inputsStats });
  if (!inProcessOnly()) share(request, bundle, contents);
  return bundle;
}

function remember(request: CacheRequest, entry: CacheEntry): void {
  recent.set(localKey(request), entry);
  if (!inProcessOnly()) writeFileAtomically(manifestFile(request), JSON.stringify(entry));
}

/**
 * The bundle another checkout recorded, if this checkout holds the same bytes under the same checkout-independent
 * names: what esbuild would read here, so it would build the same bundle. Records this checkout's own manifest.
 */
function fromOtherCheckout(request: CacheRequest): Bundle | undefined {
  const shared = readJson(sharedFile(request), isSharedEntry);
  if (!shared || !stillWritten(shared.bundle)) return undefined;
  const { root } = request;
  const nodeModules = realpath(path.join(root, 'node_modules'));
  const local = shared.inputs.map((name, index) => ({ input: localName(name, root, nodeModules), index })).sort((a, b) => compare(a.input, b.input));
  const inputs = local.map(({ input }) => input);
  const inputsStats = statsOf(inputs, root); // before the bytes, as in recordBundle
  const contents = contentsOf(shared.inputs, root);
  if (sharedFingerprint(shared.inputs, contents, root) !== shared.fingerprint) return undefined;
  const bundle: Bundle = { ...shared.bundle, inputs };
  const localContents = local.map(({ index }) => contents[index]);
  remember(request, { bundle, inputsFingerprint: digestOf(inputs, localContents), inputsStats });
  return bundle;
}

/** Records the bundle for every checkout, unless an input has no checkout-independent name. */
function share(request: CacheRequest, bundle: Bundle, contents: readonly Contents[]): void {
  const { root } = request;
  const nodeModules = realpath(path.join(root, 'node_modules'));
  const names = bundle.inputs.map((input) => canonicalName(input, root, nodeModules));
  if (names.includes(undefined)) return;
  const named = names.map((name, index) => ({ name: name!, contents: contents[index] })).sort((a, b) => compare(a.name, b.name));
  const inputs = named.map(({ name }) => name);
  const inputContents = named.map((input) => input.contents);
  const { inputs: _checkoutInputs, ...checkoutIndependent } = bundle;
  const entry: SharedEntry = { bundle: checkoutIndependent, inputs, fingerprint: sharedFingerprint(inputs, inputContents, root) };
  writeFileAtomically(sharedFile(request), JSON.stringify(entry));
}

/**
 * An input's name in every checkout, by the rule of `checkoutIndependentSource`: its path relative to the root, and a
 * file outside the root reached through the root's `node_modules` (a link to another checkout's) as `node_modules/<its
 * path there>`; undefined for any other file outside the root. Unlike the source map's name this keeps a nested
 * package's full path (`node_modules/a/node_modules/b/...`), so it names one file in every checkout.
 */
function canonicalName(input: string, root: string, nodeModules: string | undefined): string | undefined {
  const file = path.resolve(root, input);
  const inRoot = inside(root, file);
  if (inRoot !== undefined) return inRoot;
  const inNodeModules = nodeModules === undefined ? undefined : inside(nodeModules, file);
  return inNodeModules === undefined ? undefined : path.join('node_modules', inNodeModules);
}

/** A canonical name as this checkout's esbuild lists the input: relative to the root, through the real `node_modules`. */
function localName(name: string, root: string, nodeModules: string | undefined): string {
  const inNodeModules = inside('node_modules', name);
  return nodeModules === undefined || inNodeModules === undefined ? name : path.relative(root, path.join(nodeModules, inNodeModules));
}

/**
 * SHA-256 over the canonical name and bytes of each input, and of what decides how esbuild resolves and loads them
 * without being an input itself: every `package.json` and `tsconfig.json` in a directory on the way from the root to
 * an input, which includes the root's own and that of each package providing an input (its version, `main`,
 * `exports`, `type`). A file of either name that is absent here and present elsewhere also differs. Not covered: a
 * file a `tsconfig.json` extends (this tree's extends none), and a new file that changes how an import resolves.
 */
function sharedFingerprint(inputs: readonly string[], contents: readonly Contents[], root: string): string {
  const resolution = resolutionFiles(inputs);
  return digestOf([...inputs, ...resolution], [...contents, ...contentsOf(resolution, root, true)]);
}

/** `package.json` and `tsconfig.json` in every directory that holds an input or one of their parents, up to the root. */
function resolutionFiles(inputs: readonly string[]): string[] {
  const directories = new Set<string>();
  for (const input of inputs) {
    // A directory already seen has had its parents seen too.
    for (let directory = path.dirname(input); !directories.has(directory); directory = path.dirname(directory)) directories.add(directory);
  }
  return [...directories].sort(compare).flatMap((directory) => ['package.json', 'tsconfig.json'].map((file) => path.join(directory, file)));
}

/** `file` relative to `directory` if it lies inside it. */
function inside(directory: string, file: string): string | undefined {
  const relative = path.relative(directory, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}

function realpath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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

/** SHA-256 over each input's path and bytes: reading ~1,000 inputs costs milliseconds, esbuild up to a second per handler. */
function fingerprint(inputs: readonly string[], root: string): string {
  return digestOf(inputs, contentsOf(inputs, root));
}

/** Each file's bytes, or `missing`; where most are absent, a stat first (a failed read costs several times as much). */
function contentsOf(files: readonly string[], root: string, mostlyAbsent = false): Contents[] {
  return files.map((name) => {
    const file = path.resolve(root, name);
    if (mostlyAbsent && !fs.existsSync(file)) return 'missing';
    try {
      return fs.readFileSync(file);
    } catch {
      return 'missing';
    }
  });
}

function digestOf(names: readonly string[], contents: readonly Contents[]): string {
  const digest = createHash('sha256');
  names.forEach((name, index) => digest.update(name).update('\0').update(contents[index]).update('\0'));
  return digest.digest('hex');
}

function readJson<T>(file: string, valid: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return valid(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isCacheEntry(value: unknown): value is CacheEntry {
  const entry = value as Partial<CacheEntry> | null;
  return typeof entry?.inputsFingerprint === 'string' && Array.isArray(entry.bundle?.inputs);
}

function isSharedEntry(value: unknown): value is SharedEntry {
  const entry = value as Partial<SharedEntry> | null;
  return typeof entry?.fingerprint === 'string' && Array.isArray(entry.inputs) && typeof entry.bundle?.directory === 'string';
}

/** Writes a file through a temporary sibling and a rename, so a concurrent reader sees the old or the new bytes. */
export function writeFileAtomically(file: string, contents: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const staging = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(staging, contents);
  fs.renameSync(staging, file);
}
