import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMirror } from '../mirror';
import { synthesizeInto } from '../synthesize';
import { terraform, terraformEnv } from '../terraform-cli';

/**
 * The example broken on purpose, one way at a time, and refused by the real `terraform validate` against the
 * stand-in providers: what the project's own checks cannot see, Terraform still catches offline.
 */
let workDir: string;
let env: NodeJS.ProcessEnv;
const credentials = { SERVICENOW_USERNAME: 'test', SERVICENOW_PASSWORD: 'test' };

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tf-refuses-'));
  synthesizeInto(join(workDir, 'cdktf.out'), 'example');
  env = terraformEnv(buildMirror(workDir));
});

type Json = Record<string, any>;

/** Copies a synthesized stack, changes its JSON, and returns terraform validate's error diagnostics, sorted. */
async function validateChanged(stack: string, change: (json: Json) => void, extraEnv: NodeJS.ProcessEnv = credentials): Promise<string[]> {
  const dir = mkdtempSync(join(workDir, `${stack}-`));
  cpSync(join(workDir, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), join(dir, 'cdk.tf.json'));
  const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as Json;
  change(json);
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  const runEnv = { ...env, ...extraEnv };
  const init = await terraform(['init', '-backend=false', '-input=false', '-no-color'], dir, runEnv);
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  const validate = await terraform(['validate', '-json', '-no-color'], dir, runEnv);
  const verdict = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: { severity: string; summary: string; detail: string }[] };
  // Sorted: Terraform reports the missing arguments of one block in no fixed order (it walks the schema's attributes
  // as a Go map), so two runs of the same config can list them either way round.
  const errors = verdict.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.summary}: ${d.detail}`)
    .sort();
  expect(validate.code === 0).toBe(errors.length === 0);
  return errors;
}

const firstGroup = (json: Json): Json => Object.values(json.resource.okta_group as Record<string, Json>)[0];

describe('terraform validate refuses a broken example', () => {
  it('accepts the example as synthesized (the control)', async () => {
    expect(await validateChanged('identity-example', () => undefined)).toEqual([]);
  });

  it('refuses an attribute the provider schema does not have', async () => {
    const errors = await validateChanged('identity-example', (json) => {
      firstGroup(json).not_an_okta_argument = 'x';
    });
    expect(errors).toEqual(['Extraneous JSON object property: No argument or block type is named "not_an_okta_argument".']);
  });

  it('refuses a ${ left unescaped in a string, and reads the escaped $${ literally', async () => {
    const errors = await validateChanged('identity-example', (json) => {
      firstGroup(json).description = 'Department ${okta} of the example';
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/reference/i);
    expect(
      await validateChanged('identity-example', (json) => {
        firstGroup(json).description = 'Department $${okta} of the example';
      }),
    ).toEqual([]);
  });

  it('refuses an output of a sensitive value that is not marked sensitive', async () => {
    const errors = await validateChanged('identity-example', (json) => {
      json.output.leaked_event_hook_secret = { value: '${var.event_hook_auth_secret}' };
    });
    expect(errors).toEqual([expect.stringMatching(/^Output refers to sensitive values/)]);
  });

  it('refuses the servicenow provider block without its credentials, as the real provider does', async () => {
    const errors = await validateChanged('servicenow-example', () => undefined, { SERVICENOW_USERNAME: '', SERVICENOW_PASSWORD: '' });
    expect(errors).toEqual([
      expect.stringMatching(/^Missing required argument: The argument "password" is required/),
      expect.stringMatching(/^Missing required argument: The argument "username" is required/),
    ]);
  });
});
