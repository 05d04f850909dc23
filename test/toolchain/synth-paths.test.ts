import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs main.ts for the example environment under one require hook; resolves with the output directory. */
function synth(hook: string): Promise<string> {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-path-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', hook, 'main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ENVIRONMENTS: 'example', CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(outdir) : reject(new Error(`synth with ${hook} exited ${code}: ${stderr.slice(-2000)}`))));
  });
}

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(relative(dir, path), readFileSync(path).toString('base64'));
    }
  }
  return files;
}

/**
 * `cdktf synth` runs main.ts through the SWC require hook (scripts/register-swc.js, for speed); users also run the
 * app with ts-node. Both must produce the same Terraform JSON, manifest and assets, byte for byte.
 */
test('the SWC hook and ts-node synthesize the same app, byte for byte', async () => {
  const [swc, tsNode] = await Promise.all([synth('./scripts/register-swc.js'), synth('ts-node/register/transpile-only')]);
  try {
    const [a, b] = [filesUnder(swc), filesUnder(tsNode)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].some((file) => file.endsWith('cdk.tf.json'))).toBe(true);
    for (const [file, content] of a) expect({ file, same: content === b.get(file) }).toEqual({ file, same: true });
  } finally {
    rmSync(swc, { recursive: true, force: true });
    rmSync(tsNode, { recursive: true, force: true });
  }
}, 180_000);
