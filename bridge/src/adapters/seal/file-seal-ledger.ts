import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { Seal, sealObjectKey } from '../../domain/evidence/thread-seal';
import { AnchoredSeal, SealArchive, SealLedger } from '../../ports/seal-ledger';
import { daysBetween } from './days';
import { parseSeal } from './parse-seal';

/**
 * Seals as write-once files under one directory (local mode, tests, benchmarks): the same keys as the S3 bucket,
 * created with `wx` so an existing seal is never replaced. Unlike the bucket, a directory does not stop its owner
 * from editing files: it shows the mechanics, not the guarantee.
 */
export class FileSealLedger implements SealLedger, SealArchive {
  /** Directories this ledger created: a thread's versions share one, so it is created once, not once per version. */
  private readonly created = new Set<string>();

  constructor(private readonly root: string) {}

  async anchor(seal: Seal): Promise<void> {
    const path = join(this.root, sealObjectKey(seal));
    const dir = dirname(path);
    if (!this.created.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.created.add(dir);
    }
    try {
      await writeFile(path, JSON.stringify(seal), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }

  async sealsForDays(fromDay: string, toDay: string): Promise<AnchoredSeal[]> {
    const out: AnchoredSeal[] = [];
    for (const day of daysBetween(fromDay, toDay)) {
      for (const kind of ['threads', 'events']) {
        for (const path of await filesUnder(join(this.root, kind, day))) {
          const key = relative(this.root, path).split('\\').join('/');
          out.push({ key, writes: 1, ...parseSeal(await readFile(path, 'utf8')) });
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
