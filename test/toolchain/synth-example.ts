import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * This process's PATH without any directory that holds a `terraform`: synth must not need Terraform (the README's
 * promise; constructs/cdktf-internals/terraform-version-checks.ts is why it holds with import blocks).
 */
export const PATH_WITHOUT_TERRAFORM = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && !existsSync(join(dir, 'terraform')))
  .join(delimiter);

/**
 * Runs main.ts for the example environment in a fresh node process, with the given require hooks (`node -r` each,
 * in order) and no Terraform on its PATH, and resolves with the output directory. A child process, because a hook
 * changes how every module of the app is loaded or resolved.
 */
export function synthExample(hooks: readonly string[]): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-example-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...hooks.flatMap((hook) => ['-r', hook]), 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PATH: PATH_WITHOUT_TERRAFORM, ENVIRONMENTS: 'example', CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(outdir) : reject(new Error(`synth with ${hooks.join(', ')} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

/** Every file under `dir`, by its path relative to `dir`, as raw bytes. */
export function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path));
    }
  }
  return files;
}
