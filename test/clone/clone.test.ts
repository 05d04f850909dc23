import { App } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { ENVIRONMENTS_DIR, loadEnvironment } from '../../config/load';
import { annotationsOf } from '../../guardrails/annotations';
import { startExampleOrg, type ExampleOrg } from '../../tools/oig-lookups/example-org';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { cloneEnvironment } from '../../tools/clone/clone';
import type { CloneValues } from '../../tools/clone/fields';

const FLAGS: CloneValues = {
  orgName: 'acme-staging',
  baseUrl: 'okta.com',
  awsAccount: '210987654321',
  region: 'eu-central-1',
  backendBucket: 'acme-terraform-state',
  servicenowInstance: 'acme-staging',
  pamTeam: 'acme-staging-team',
};

/** A temporary environments directory holding a copy of the example. */
function environmentsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clone-envs-'));
  fs.copyFileSync(path.join(ENVIRONMENTS_DIR, 'example.yaml'), path.join(dir, 'example.yaml'));
  return dir;
}

describe('env:clone', () => {
  let org: ExampleOrg;
  beforeAll(async () => {
    org = await startExampleOrg();
  });
  afterAll(async () => {
    await org.okta.close();
  });

  test('clones the example into a new environment that synthesizes with no other edits', async () => {
    const dir = environmentsDir();
    const result = await cloneEnvironment({ from: 'example', to: 'staging', dir, values: FLAGS, env: org.env, prompt: {} });

    const config = loadEnvironment('staging', dir);
    expect(config).toMatchObject({
      name: 'staging',
      okta: { orgName: 'acme-staging', baseUrl: 'okta.com' },
      aws: { accountId: '210987654321', region: 'eu-central-1' },
      backend: { type: 's3', bucket: 'acme-terraform-state', region: 'eu-central-1', keyPrefix: 'identity-lifecycle' },
      bridge: { serviceNowInstanceUrl: 'https://acme-staging.service-now.com' },
    });
    expect(config.identity.serviceApp.label).toBe('JML bridge (staging)');
    expect(result.lookups).toBe(path.join(dir, 'staging.lookups.json'));

    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'clone-synth-')) });
    const stacks = declareEnvironment(app, config, { environmentsDir: dir });
    app.synth();
    expect(annotationsOf(app).filter((a) => a.level === 'error')).toEqual([]);
    expect(
      Object.values(stacks)
        .filter(Boolean)
        .map((s) => s.node.id)
        .sort(),
    ).toEqual(result.counts!.map((c) => c.stack).sort());
    expect(result.counts!.every((c) => c.stack.endsWith('-staging') && c.resources > 0)).toBe(true);
    const identity = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'identity-staging', 'cdk.tf.json'), 'utf8'));
    expect(identity.provider.okta).toEqual([{ org_name: 'acme-staging', base_url: 'okta.com' }]);
    expect(identity.terraform.backend.s3).toMatchObject({
      bucket: 'acme-terraform-state',
      key: 'identity-lifecycle/identity-staging.tfstate',
      encrypt: true,
      use_lockfile: true,
    });
  }, 180_000);

  test('keeps every comment and the key order of the source', async () => {
    const dir = environmentsDir();
    await cloneEnvironment({ from: 'example', to: 'staging', dir, values: FLAGS, env: {}, prompt: {}, synthesize: false });
    const source = fs.readFileSync(path.join(dir, 'example.yaml'), 'utf8');
    const clone = fs.readFileSync(path.join(dir, 'staging.yaml'), 'utf8');
    const comments = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l) && !/^# (The|Values|Copy)|^#$/.test(l));
    expect(comments(clone)).toEqual(comments(source));
    const keys = (text: string) =>
      text
        .split('\n')
        .filter((l) => /^[a-zA-Z]+:/.test(l))
        .map((l) => l.split(':')[0]);
    expect(keys(clone)).toEqual(keys(source));
    expect(clone).toContain('The staging environment, cloned from example with `npm run env:clone`.');
    expect(clone).toContain('accountId: "210987654321"');
  });

  test('without credentials for the new org, leaves lookups unresolved, says what to run, and still counts every stack', async () => {
    const dir = environmentsDir();
    fs.writeFileSync(path.join(dir, 'staging.lookups.json'), '{"stale": true}');
    const result = await cloneEnvironment({ from: 'example', to: 'staging', dir, values: FLAGS, env: {}, prompt: {}, force: true });
    expect(fs.existsSync(path.join(dir, 'staging.lookups.json'))).toBe(false);
    expect(result.notes.join('\n')).toContain('run `npm run governance:discover -- --env staging`');
    expect(result.counts!.map((c) => c.stack)).toContain('governance-staging');
    expect(result.counts!.find((c) => c.stack === 'governance-staging')!.byType).toHaveProperty('okta_request_condition', 3);
  }, 180_000);

  test('fails listing every missing flag when stdin is not a terminal', async () => {
    const dir = environmentsDir();
    const { orgName: _o, awsAccount: _a, ...partial } = FLAGS;
    await expect(cloneEnvironment({ from: 'example', to: 'staging', dir, values: partial, env: {}, prompt: {} })).rejects.toThrow(
      /missing required flags \(stdin is not a terminal, so they cannot be asked for\):\n {2}--org-name .*\n {2}--aws-account /,
    );
    expect(fs.existsSync(path.join(dir, 'staging.yaml'))).toBe(false);
  });

  test('asks for missing values on a terminal, again until each is valid', async () => {
    const dir = environmentsDir();
    const { orgName: _o, region: _r, ...partial } = FLAGS;
    const input = new PassThrough();
    const output = new PassThrough();
    let asked = '';
    output.on('data', (chunk) => (asked += String(chunk)));
    input.write('Not An Org\nacme-staging\neu-north-1\n');
    const result = await cloneEnvironment({ from: 'example', to: 'staging', dir, values: partial, env: {}, prompt: { input, output }, synthesize: false });
    expect(asked).toContain('"Not An Org" is not an Okta org subdomain such as acme; try again');
    expect(loadEnvironment('staging', dir)).toMatchObject({ okta: { orgName: 'acme-staging' }, aws: { region: 'eu-north-1' } });
    expect(result.file).toBe(path.join(dir, 'staging.yaml'));
  });

  test('refuses to overwrite an environment, and reports invalid flags together', async () => {
    const dir = environmentsDir();
    await expect(cloneEnvironment({ from: 'example', to: 'example', dir, values: FLAGS, prompt: {} })).rejects.toThrow(/--to must differ from --from/);
    fs.writeFileSync(path.join(dir, 'prod.yaml'), 'name: prod\n');
    await expect(cloneEnvironment({ from: 'example', to: 'prod', dir, values: FLAGS, prompt: {} })).rejects.toThrow(/prod.yaml already exists .* pass --force/);
    await expect(cloneEnvironment({ from: 'example', to: 'qa', dir, values: { ...FLAGS, awsAccount: '12', region: 'Europe' }, prompt: {} })).rejects.toThrow(
      /invalid flags:\n {2}--aws-account: "12" is not a 12-digit AWS account id\n {2}--region: "Europe" is not an AWS region/,
    );
  });
});
