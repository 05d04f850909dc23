import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** Runs the fixture as `cdktf synth` runs main.ts: SWC hook, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS set. */
function run(mode: 'one-app' | 'second-app') {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'two-apps-'));
  const result = spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts/register-swc.js'), path.join(__dirname, 'fixtures/two-apps.ts'), outdir, mode], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true', CHECKPOINT_DISABLE: '1' },
  });
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
  fs.rmSync(outdir, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr, stacks: Object.keys(manifest.stacks) };
}

describe('errors do not depend on which manifest the CLI reads', () => {
  test('a guardrail error fails the process (exit 3) with the path, rule and fix, even where cdktf would continue', () => {
    const { status, stderr } = run('one-app');
    expect(status).toBe(3);
    expect(stderr).toMatch(
      /\[real\/GroupRole\] \[LP-OKTA1\] A standard Okta admin role is assigned \(Role::SUPER_ADMIN\) on okta_group_role\.GroupRole\. Fix: /,
    );
  });

  test('a second App that overwrites the manifest with a clean one neither hides the error nor passes', () => {
    const { status, stderr, stacks } = run('second-app');
    expect(stacks).toEqual(['other']);
    expect(status).toBe(3);
    expect(stderr).toContain('[LP-OKTA1]');
    expect(stderr).toMatch(
      /lists stacks \[other\], not the guarded app's \[real\]: another App synthesized into the same directory\. The project synthesizes exactly one App/,
    );
  });
});
