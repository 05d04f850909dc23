import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, PATH_WITHOUT_TERRAFORM, synthExample } from './synth-example';

const CDKTF_VERSION: string = require('cdktf/package.json').version;
const CDKTN_VERSION: string = require('cdktn/package.json').version;

/**
 * The example synthesized three ways, each in its own process with no Terraform on its PATH (synth needs none): as `cdktf synth` runs it (the SWC require hook,
 * scripts/register-swc.js), with ts-node as users also run it, and with every `require('cdktf')` resolved to CDK
 * Terrain (scripts/resolve-cdktf-as-cdktn.js, step 1 of docs/cdktn-exit-plan.md).
 */
let swc: Map<string, Buffer>;
let tsNode: Map<string, Buffer>;
let cdktn: Map<string, Buffer>;

beforeAll(async () => {
  const dirs = await Promise.all([
    synthExample(['./scripts/register-swc.js']),
    synthExample(['ts-node/register/transpile-only']),
    synthExample(['./scripts/resolve-cdktf-as-cdktn.js', './scripts/register-swc.js']),
  ]);
  try {
    [swc, tsNode, cdktn] = dirs.map(filesUnder);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

test('synth needs no Terraform: with none on PATH, every stack is written, import blocks included', () => {
  expect(PATH_WITHOUT_TERRAFORM.length).toBeGreaterThan(0);
  const governance = swc.get(join('stacks', 'governance-example', 'cdk.tf.json'));
  expect(JSON.parse(governance!.toString('utf8')).import).toEqual(expect.any(Array));
});

const stackFiles = () => [...swc.keys()].filter((file) => file.endsWith('cdk.tf.json'));

test('the SWC hook and ts-node synthesize the same app, byte for byte', () => {
  expect([...tsNode.keys()].sort()).toEqual([...swc.keys()].sort());
  expect(stackFiles().length).toBeGreaterThan(0);
  for (const [file, content] of swc) expect({ file, same: content.equals(tsNode.get(file)!) }).toEqual({ file, same: true });
});

/**
 * The two files that name the framework's version: each stack's `cdk.tf.json` (`//.metadata.version`) and the
 * output's `manifest.json` (`version`; the fork also prints it with different whitespace). Parsed, with the version
 * taken out, so that the comparison is about everything else.
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
 * The exit plan rests on CDK Terrain keeping CDKTF's API and output: the app, the provider bindings and the
 * guardrails run unchanged under `cdktn`, and every stack's Terraform JSON and every asset is the same, except the
 * framework version the output records.
 */
test('the app synthesizes the same Terraform JSON and assets under cdktn as under cdktf', () => {
  expect([...cdktn.keys()].sort()).toEqual([...swc.keys()].sort());
  const versioned = new Set(['manifest.json', ...stackFiles()]);
  for (const [file, content] of swc) {
    if (versioned.has(file)) {
      const [fromCdktf, fromCdktn] = [withoutFrameworkVersion(file, content), withoutFrameworkVersion(file, cdktn.get(file)!)];
      expect({ file, cdktf: fromCdktf.version, cdktn: fromCdktn.version }).toEqual({ file, cdktf: CDKTF_VERSION, cdktn: CDKTN_VERSION });
      expect({ file, json: fromCdktn.rest }).toEqual({ file, json: fromCdktf.rest });
    } else {
      expect({ file, same: content.equals(cdktn.get(file)!) }).toEqual({ file, same: true });
    }
  }
});
