import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Directories a checkout needs to synthesize that git does not hold: installed packages and generated bindings. */
export const SHARED_DIRECTORIES = ['node_modules', '.gen'];

function git(repo: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`git ${args.join(' ')} failed in ${repo}: ${stderr || (error as Error).message}`);
  }
}

/**
 * Runs `fn` in a temporary, detached worktree of `ref` and removes the worktree afterwards, even on failure.
 *
 * The worktree reuses this checkout's `node_modules` and `.gen` through symlinks, so nothing is installed and
 * nothing is fetched: the base is synthesized offline with today's packages and generated bindings.
 */
export async function withBaseWorktree<T>(repo: string, ref: string, fn: (dir: string, commit: string) => Promise<T> | T): Promise<T> {
  const commit = git(repo, ['rev-parse', '--verify', `${ref}^{commit}`]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-review-base-'));
  git(repo, ['worktree', 'add', '--detach', '--force', dir, commit]);
  try {
    for (const shared of SHARED_DIRECTORIES) {
      const source = path.join(repo, shared);
      const target = path.join(dir, shared);
      if (fs.existsSync(source) && !fs.existsSync(target)) fs.symlinkSync(source, target, 'dir');
    }
    return await fn(dir, commit);
  } finally {
    git(repo, ['worktree', 'remove', '--force', dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
