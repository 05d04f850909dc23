import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffSynth } from '../../tools/review/diff';
import { SHARED_DIRECTORIES, withBaseWorktree } from '../../tools/review/git-worktree';
import { readSynthOutput } from '../../tools/review/synth-output';
import { synthesizeCheckout } from '../../tools/review/synthesize';

const repo = path.resolve(__dirname, '..', '..');
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * `npm run review -- --base HEAD` of a tree with no change must report no change. The committed HEAD is checked out
 * twice, at two different places, each with the installed packages linked in rather than present (as the review's
 * base worktree does): a bundle or asset hash that carried the checkout's path or followed the link would show every
 * Lambda function as changed.
 */
describe('plan review of an unchanged tree', () => {
  test('reports every stack of the example unchanged, wherever the checkout is and however node_modules is laid out', async () => {
    const head = fs.mkdtempSync(path.join(os.tmpdir(), 'review-unchanged-head-'));
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'review-unchanged-out-'));
    git(repo, 'worktree', 'add', '--detach', '--force', head, 'HEAD');
    try {
      for (const shared of SHARED_DIRECTORIES) fs.symlinkSync(path.join(repo, shared), path.join(head, shared), 'dir');
      synthesizeCheckout(head, path.join(scratch, 'head'), 'example');
      const headStacks = readSynthOutput(path.join(scratch, 'head'));
      const baseStacks = await withBaseWorktree(head, 'HEAD', (dir) => {
        synthesizeCheckout(dir, path.join(scratch, 'base'), 'example');
        return readSynthOutput(path.join(scratch, 'base'));
      });

      const diffs = diffSynth(baseStacks, headStacks);
      expect(diffs.length).toBeGreaterThanOrEqual(5);
      expect(diffs.filter((d) => d.status !== 'unchanged').map((d) => ({ stack: d.stack, status: d.status, changes: d.changes }))).toEqual([]);
    } finally {
      git(repo, 'worktree', 'remove', '--force', head);
      fs.rmSync(head, { recursive: true, force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 180_000);
});
