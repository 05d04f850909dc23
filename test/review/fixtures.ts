import { App, Aspects, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, TerraformVariable } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LeastPrivilegeChecks } from '../../guardrails';

/** Secrets the fixtures carry; a report must never contain any of them. */
export const SECRETS = ['base-hook-secret-1111', 'head-hook-secret-2222', 'variable-default-secret-3333', 'output-secret-4444', 'BEGIN RSA PRIVATE KEY'];

function resource(stack: TerraformStack, id: string, type: string, attributes: Record<string, unknown>): void {
  const element = new TerraformResource(stack, id, { terraformResourceType: type });
  for (const [key, value] of Object.entries(attributes)) element.addOverride(key, value);
}

/**
 * One identity-like stack in two versions. Head adds a group, adds a scope, drops an IAM policy, rotates the
 * event hook's literal secret, moves a group assignment to another app (a replacement) and assigns SUPER_ADMIN.
 */
function declare(app: App, version: 'base' | 'head'): void {
  const stack = new TerraformStack(app, 'identity-fixture');
  new LocalBackend(stack, { path: 'fixture.tfstate' });
  Aspects.of(stack).add(new LeastPrivilegeChecks());
  new TerraformVariable(stack, 'hook_secret', { type: 'string', sensitive: true, default: 'variable-default-secret-3333' });
  resource(stack, 'Engineering', 'okta_group', { name: 'jml-dept-engineering' });
  if (version === 'head') resource(stack, 'LinuxProd', 'okta_group', { name: 'jml-access-eng-linux-prod' });
  resource(stack, 'Scopes', 'okta_app_oauth_api_scope', {
    app_id: 'app1',
    issuer: 'https://acme.okta.com',
    scopes: version === 'base' ? ['okta.users.read', 'okta.groups.read'] : ['okta.users.read', 'okta.groups.read', 'okta.users.manage'],
  });
  if (version === 'base') {
    resource(stack, 'Legacy', 'aws_iam_policy', {
      name: 'legacy',
      policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.q.arn}' }] }),
    });
  }
  resource(stack, 'Hook', 'okta_event_hook', {
    name: 'hook',
    channel: { type: 'HTTP', version: '1.0.0', uri: 'https://bridge.example.com/hook' },
    auth: { type: 'HEADER', key: 'Authorization', value: version === 'base' ? 'base-hook-secret-1111' : 'head-hook-secret-2222' },
  });
  resource(stack, 'Assignment', 'okta_app_group_assignment', { app_id: version === 'base' ? 'app1' : 'app2', group_id: 'g1' });
  resource(stack, 'Key', 'tls_private_key_holder', { private_key_pem: '-----BEGIN RSA PRIVATE KEY-----\nMIIE' });
  if (version === 'head') resource(stack, 'Escalation', 'okta_app_oauth_role_assignment', { client_id: 'c', type: 'SUPER_ADMIN' });
  new TerraformOutput(stack, 'signing_key', {
    value: version === 'base' ? 'variable-default-secret-3333' : 'output-secret-4444',
    sensitive: true,
    staticId: true,
  });
}

/** Synthesizes one version into a fresh directory, as `cdktf synth` would (guardrail errors recorded, not thrown). */
export function synthFixture(version: 'base' | 'head'): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `review-${version}-`));
  const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = '1';
  try {
    const app = new App({ outdir });
    declare(app, version);
    app.synth();
  } finally {
    if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
  }
  return outdir;
}
