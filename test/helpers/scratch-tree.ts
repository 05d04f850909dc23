import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Runs `use` in a fresh temporary folder holding `files` at their relative paths (folders made as needed), and
 * removes the folder afterwards, whatever `use` did: how the tool tests try a real tool (tsc, Biome,
 * dependency-cruiser, the checks runner) on a tree shaped like the repository without touching it.
 */
export function withScratchTree<T>(prefix: string, files: Readonly<Record<string, string>>, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
