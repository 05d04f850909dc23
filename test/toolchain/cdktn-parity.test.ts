import { rmSync } from 'node:fs';
import { filesUnder, synthExample } from './synth-example';

const CDKTF_VERSION: string = require('cdktf/package.json').version;
const CDKTN_VERSION: string = require('cdktn/package.json').version;

/**
 * The two files that name the framework's version: each stack's `cdk.tf.json` (`//.metadata.version`) and the
 * output's `manifest.json` (`version`, which the fork also prints with different whitespace). Parsed, with the
 * version taken out, so that the comparison below is about everything else.
 */
function withoutFrameworkVersion(file: string, content: Buffer): { version: unknown; rest: unknown } {
  const json = JSON.parse(content.toString('utf8'));
  if (file === 'manifest.json') {
    const { version, ...rest } = json;
    return { version, rest };
  }
  const { version, ...metadata } = json['//'].metadata;
  return { version, rest: { ...json, '//': { ...json['//'], metadata } } };
}

/**
 * The exit plan (docs/cdktn-exit-plan.md) rests on CDK Terrain keeping CDKTF's API and output: the app, its provider
 * bindings and its guardrails run unchanged under `cdktn`, and every stack's Terraform JSON and every asset is the
 * same, except the framework version the output records.
 */
test('the app synthesizes the same Terraform JSON and assets under cdktn as under cdktf', async () => {
  const [cdktf, cdktn] = await Promise.all([
    synthExample(['./scripts/register-swc.js']),
    synthExample(['./scripts/resolve-cdktf-as-cdktn.js', './scripts/register-swc.js']),
  ]);
  try {
    const [a, b] = [filesUnder(cdktf), filesUnder(cdktn)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const stackFiles = [...a.keys()].filter((file) => file.endsWith('cdk.tf.json'));
    expect(stackFiles.length).toBeGreaterThan(0);
    for (const [file, content] of a) {
      if (file === 'manifest.json' || stackFiles.includes(file)) {
        const [fromCdktf, fromCdktn] = [withoutFrameworkVersion(file, content), withoutFrameworkVersion(file, b.get(file)!)];
        expect({ file, version: fromCdktf.version }).toEqual({ file, version: CDKTF_VERSION });
        expect({ file, version: fromCdktn.version }).toEqual({ file, version: CDKTN_VERSION });
        expect({ file, json: fromCdktn.rest }).toEqual({ file, json: fromCdktf.rest });
      } else {
        expect({ file, same: content.equals(b.get(file)!) }).toEqual({ file, same: true });
      }
    }
  } finally {
    rmSync(cdktf, { recursive: true, force: true });
    rmSync(cdktn, { recursive: true, force: true });
  }
}, 180_000);
