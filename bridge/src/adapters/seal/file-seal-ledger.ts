import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { SEAL_KEY_PREFIXES, Seal, sealBatchKey, sealBatchText } from '../../domain/evidence/thread-seal';
import { AnchoredSeal, SealArchive, SealLedger } from '../../ports/seal-ledger';
import { daysBetween } from './days';
import { anchoredSeals } from './parse-seal';

/**
 * Seals as write-once files under one directory (local mode, tests, benchmarks): the same keys as the S3 bucket,
 * created with `wx` so an existing object is never replaced. Unlike the bucket, a directory does not stop its owner
 * from editing files: it shows the mechanics, not the guarantee.
 */
export class FileSealLedger implements SealLedger, SealArchive {
  /** Directories this ledger created (one per day): each is created once, not once per batch. */
  private readonly created = new Set<string>();

  constructor(private readonly root: string) {}

  async anchor(day: string, seals: readonly Seal[]): Promise<void> {
    const text = sealBatchText(day, seals);
    const path = join(this.root, sealBatchKey(day, text));
    const dir = dirname(path);
    // Synchronous on purpose: one small file per flush, and fs/promises' writeFile takes about twice the CPU (a file
    // handle and a promise per step; docs/benchmarks.md section 6), which local mode and the benchmarks would measure.
    if (!this.created.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.created.add(dir);
    }
    try {
      writeFileSync(path, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }

  async sealsForDays(fromDay: string, toDay: string): Promise<AnchoredSeal[]> {
    const out: AnchoredSeal[] = [];
    for (const day of daysBetween(fromDay, toDay)) {
      for (const prefix of SEAL_KEY_PREFIXES) {
        for (const path of await filesUnder(join(this.root, prefix, day))) {
          const key = relative(this.root, path).split('\\').join('/');
          out.push(...anchoredSeals(key, 1, await readFile(path, 'utf8')));
        }
      }
    }
    return out;
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    out.push(...(name.endsWith('.json') ? [path] : await filesUnder(path)));
  }
  return out;
}
