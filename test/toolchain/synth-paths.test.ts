import { rmSync } from 'node:fs';
import { filesUnder, synthExample } from './synth-example';

/**
 * `cdktf synth` runs main.ts through the SWC require hook (scripts/register-swc.js, for speed); users also run the
 * app with ts-node. Both must produce the same Terraform JSON, manifest and assets, byte for byte.
 */
test('the SWC hook and ts-node synthesize the same app, byte for byte', async () => {
  const [swc, tsNode] = await Promise.all([synthExample(['./scripts/register-swc.js']), synthExample(['ts-node/register/transpile-only'])]);
  try {
    const [a, b] = [filesUnder(swc), filesUnder(tsNode)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].some((file) => file.endsWith('cdk.tf.json'))).toBe(true);
    for (const [file, content] of a) expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
  } finally {
    rmSync(swc, { recursive: true, force: true });
    rmSync(tsNode, { recursive: true, force: true });
  }
}, 180_000);
