import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withBaseWorktree } from '../../tools/review/git-worktree';
import { readSynthOutput } from '../../tools/review/synth-output';
import { synthesizeCheckout } from '../../tools/review/synthesize';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** A repository with one commit of `main.ts` (a one-stack cdktf app) and this checkout's node_modules, untracked. */
function tempRepo(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'review-git-'));
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n');
  fs.writeFileSync(path.join(repo, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', esModuleInterop: true } }));
  fs.writeFileSync(
    path.join(repo, 'main.ts'),
    [
      "import { App, LocalBackend, TerraformResource, TerraformStack } from 'cdktf';",
      'const app = new App();',
      "const stack = new TerraformStack(app, 'tiny');",
      "new LocalBackend(stack, { path: 'tiny.tfstate' });",
      "new TerraformResource(stack, 'Group', { terraformResourceType: 'okta_group' }).addOverride('name', 'version-one');",
      'app.synth();',
      '',
    ].join('\n'),
  );
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'one');
  fs.symlinkSync(path.resolve('node_modules'), path.join(repo, 'node_modules'), 'dir');
  return repo;
}

describe('base worktree', () => {
  test('synthesizes the committed base offline, with node_modules shared, and removes the worktree', async () => {
    const repo = tempRepo();
    fs.writeFileSync(path.join(repo, 'main.ts'), fs.readFileSync(path.join(repo, 'main.ts'), 'utf8').replace('version-one', 'version-two'));
    let seen = '';
    const stacks = await withBaseWorktree(repo, 'HEAD', (dir) => {
      seen = dir;
      expect(fs.lstatSync(path.join(dir, 'node_modules')).isSymbolicLink()).toBe(true);
      const out = path.join(dir, 'out');
      synthesizeCheckout(dir, out);
      return readSynthOutput(out);
    });
    expect(stacks.map((s) => s.json.resource?.okta_group?.Group?.name)).toEqual(['version-one']);
    expect(fs.existsSync(seen)).toBe(false);
    expect(git(repo, 'worktree', 'list')).not.toContain(seen);
  });

  test('fails naming the ref when it does not exist, leaving no worktree behind', async () => {
    const repo = tempRepo();
    await expect(withBaseWorktree(repo, 'no-such-branch', () => 1)).rejects.toThrow(/git rev-parse --verify no-such-branch\^\{commit\} failed/);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });
});
