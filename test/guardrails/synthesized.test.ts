import { Aspects, Fn, TerraformHclModule, TerraformOutput, TerraformResource, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { foreignManifestProblem, GuardedApp, GuardrailViolation } from '../../guardrails/guarded-app';
import { suppress, SUPPRESSIONS_METADATA } from '../../guardrails/suppressions';
import { IdentityStack } from '../../stacks/identity-stack';
import { exampleWith } from '../helpers/config';
import { rawResource } from './helpers';

/** The bridge stack normally provides this; most tests synthesize the identity stack alone, as a real app would. */
const HOOK = 'https://bridge.example.com/v1/okta/events';
const WILDCARD_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

function newApp(): GuardedApp {
  return new GuardedApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'guarded-')) });
}

function identity(app: GuardedApp): IdentityStack {
  return new IdentityStack(app, { config: exampleWith(), eventHookUrl: HOOK });
}

/** Synthesizes `app`, expects the guardrails to fail it, and returns the error lines (`[path] [RULE] ... Fix: ...`). */
function failures(app: GuardedApp): string[] {
  try {
    app.synth();
  } catch (error) {
    if (error instanceof GuardrailViolation) return [...error.errors];
    throw error;
  }
  throw new Error('expected the guardrails to fail the synth');
}

describe('the guarded app judges what is synthesized', () => {
  test('stack code: a resource declared by a construct fails with its path, the rule and the fix', () => {
    const app = newApp();
    rawResource(identity(app), 'Escalation', 'okta_group_role', { group_id: 'g', role_type: 'SUPER_ADMIN' });
    expect(failures(app)).toEqual([
      expect.stringMatching(
        /^\[identity-example\/Escalation\] \[LP-OKTA1\] A standard Okta admin role is assigned \(Role::SUPER_ADMIN\) on okta_group_role\.Escalation\. Fix: /,
      ),
    ]);
  });

  test('override: a resource added by a stack-level addOverride fails, reported on the stack, and cannot be suppressed', () => {
    const app = newApp();
    identity(app).addOverride('resource.aws_iam_policy.Sneaky', { name: 'sneaky', policy: WILDCARD_POLICY });
    const errors = failures(app);
    expect(errors).toContainEqual(
      expect.stringMatching(/^\[identity-example\] \[LP-IAM1\] .*\(Action::\*\) on aws_iam_policy\.Sneaky\. Fix: .*cannot be suppressed/),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^\[identity-example\] \[LP-IAM2\] .*\(Resource::\*\) on aws_iam_policy\.Sneaky/));
  });

  test('override: an element-level override that turns a custom role into SUPER_ADMIN fails', () => {
    const app = newApp();
    const stack = identity(app);
    rawResource(stack, 'Scoped', 'okta_group_role', { group_id: '${okta_group.x.id}', role_type: 'CUSTOM', role_id: 'r', resource_set_id: 's' }).addOverride(
      'role_type',
      'SUPER_ADMIN',
    );
    expect(failures(app).join('\n')).toMatch(/\[identity-example\/Scoped\] \[LP-OKTA1\] .*\(Role::SUPER_ADMIN\)/);
  });

  test('module: a TerraformHclModule is denied by default, and its inputs are read for secrets', () => {
    const app = newApp();
    new TerraformHclModule(identity(app), 'AdminModule', {
      source: 'acme/okta-admin/okta',
      version: '1.0.0',
      variables: { admin_password: 'correct-horse-battery-staple' },
    });
    const errors = failures(app).join('\n');
    expect(errors).toMatch(
      /\[identity-example\/AdminModule\] \[LP-DENY1\] module module\.AdminModule \(source acme\/okta-admin\/okta\) can grant access and no guardrail rule judges it\. Fix: /,
    );
    expect(errors).toMatch(/\[identity-example\/AdminModule\] \[LP-SEC3\] A secret value is written in clear \(Literal::admin_password\)/);
    expect(errors).not.toContain('correct-horse');
  });

  test('second stack: a plain TerraformStack in the app is judged with the least-privilege pack', () => {
    const app = newApp();
    identity(app);
    const extra = new TerraformStack(app, 'extra');
    rawResource(extra, 'GroupRole', 'okta_group_role', { group_id: 'g', role_type: 'ORG_ADMIN' });
    expect(failures(app)).toEqual([expect.stringMatching(/^\[extra\/GroupRole\] \[LP-OKTA1\] .*\(Role::ORG_ADMIN\)/)]);
    expect(app.reports.get('extra')).toMatchObject({ pack: 'LeastPrivilege', findings: [expect.objectContaining({ ruleId: 'LP-OKTA1' })] });
  });

  test('aspect: a construct added by an Aspect that runs after the guardrails is judged', () => {
    const app = newApp();
    const stack = identity(app);
    let added = false;
    const late: IAspect = {
      visit(node: IConstruct) {
        if (added || !(node instanceof TerraformResource) || node.terraformResourceType !== 'okta_group') return;
        added = true;
        rawResource(stack, 'LateAdmin', 'okta_user_admin_roles', { user_id: 'u', admin_roles: ['SUPER_ADMIN'] });
      },
    };
    Aspects.of(stack).add(late);
    expect(failures(app)).toEqual([expect.stringMatching(/^\[identity-example\/LateAdmin\] \[LP-OKTA1\] .*\(Role::SUPER_ADMIN\)/)]);
  });

  test('deny by default: resource types no rule judges fail, naming the type and the fix', () => {
    const app = newApp();
    const stack = identity(app);
    rawResource(stack, 'Unknown', 'acme_superuser_grant', { user: 'someone' });
    rawResource(stack, 'LegacyPolicy', 'oktapam_security_policy', { name: 'v1', active: true });
    rawResource(stack, 'StandingAdmin', 'oktapam_project_group', { project_name: 'p', group_name: 'everyone', server_admin: true });
    rawResource(stack, 'Rest', 'restful_resource', { path: '/api/v1/groups/00g1/roles', body: { type: 'SUPER_ADMIN' } });
    const errors = failures(app);
    for (const [construct, type] of [
      ['Unknown', 'acme_superuser_grant'],
      ['LegacyPolicy', 'oktapam_security_policy'],
      ['StandingAdmin', 'oktapam_project_group'],
      ['Rest', 'restful_resource'],
    ]) {
      expect(errors).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^\\[identity-example/${construct}\\] \\[LP-DENY1\\] ${type}\\.${construct} \\(type ${type}\\) can grant access and no guardrail rule judges it\\. Fix: .*add a rule that judges ${type}`,
          ),
        ),
      );
    }
  });

  test('deny by default: an Okta app of type web with a client secret is judged, not waved through', () => {
    const app = newApp();
    rawResource(identity(app), 'Portal', 'okta_app_oauth', {
      label: 'portal',
      type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://portal.example.com/cb'],
    });
    expect(failures(app).join('\n')).toMatch(/\[identity-example\/Portal\] \[LP-OKTA2\] .*\(AppType::web\)/);
  });

  test('the example environment passes with no suppression, no warning, and every stack reported', () => {
    const app = newApp();
    identity(app);
    app.synth();
    expect(app.reports.get('identity-example')).toEqual({ pack: 'LeastPrivilege, ServiceLimits', stack: 'identity-example', findings: [], suppressed: [] });
  });
});

describe('secrets on the synthesized stack', () => {
  test('an OPA token output without sensitive fails (SecretOutputsAreSensitive on every stack, and LP-SEC1)', () => {
    const app = newApp();
    const extra = new TerraformStack(app, 'opa');
    const token = rawResource(extra, 'Setup', 'oktapam_gateway_setup_token', { description: 'gw', labels: {} });
    new TerraformOutput(extra, 'gateway_token', { value: token.getStringAttribute('token') });
    const errors = failures(app).join('\n');
    expect(errors).toMatch(/\[opa\/gateway_token\] \[LP-SEC1\] An output exposes a secret but is not sensitive \(Secret::oktapam_gateway_setup_token\.token\)/);
    expect(errors).toMatch(/\[opa\/gateway_token\] output "gateway_token" exposes the secret oktapam_gateway_setup_token\.token/);
  });

  test('a secret version with a literal value, and a URL with credentials, fail without printing the secret', () => {
    const app = newApp();
    const stack = identity(app);
    rawResource(stack, 'Version', 'aws_secretsmanager_secret_version', { secret_id: '${aws_secretsmanager_secret.s.id}', secret_string: 'p4ss-w0rd-literal' });
    rawResource(stack, 'Hook', 'okta_event_hook', {
      name: 'h',
      channel: { type: 'HTTP', version: '1.0.0', uri: 'https://svc:Sup3rSecret@bridge.example.com/hook' },
      auth: { type: 'HEADER', key: 'Authorization', value: '${var.event_hook_auth_secret}' },
    });
    const errors = failures(app).join('\n');
    expect(errors).toMatch(/\[identity-example\/Version\] \[LP-SEC4\] .*\(secret_string::literal\)/);
    expect(errors).toMatch(/\[identity-example\/Hook\] \[LP-SEC3\] .*\(UrlPassword::channel\.uri\)/);
    expect(errors).not.toMatch(/Sup3rSecret|p4ss-w0rd/);
    const report = fs.readFileSync(path.join(app.outdir, 'stacks', 'identity-example', 'guardrails.json'), 'utf8');
    expect(report).not.toMatch(/Sup3rSecret|p4ss-w0rd/);
  });
});

describe('suppressions in a guarded app', () => {
  test('a suppression on the App fails the synth before anything is synthesized', () => {
    const app = newApp();
    identity(app);
    app.node.addMetadata(SUPPRESSIONS_METADATA, { id: 'LP-OKTA1[Role::SUPER_ADMIN]', reason: 'Break-glass admin for the migration week' });
    expect(failures(app)).toEqual([expect.stringMatching(/\[LP-SUP1\] suppression LP-OKTA1\[Role::SUPER_ADMIN\] on the App/)]);
  });

  test('an accepted finding is reported with its place and reason, and a stale one fails', () => {
    const app = newApp();
    const stack = identity(app);
    const role = rawResource(stack, 'BreakGlass', 'okta_group_role', { group_id: '${okta_group.x.id}', role_type: 'SUPER_ADMIN' });
    suppress(role, [
      { id: 'LP-OKTA1[Role::SUPER_ADMIN]', reason: 'Break-glass group, emptied by the on-call runbook after use' },
      { id: 'LP-OKTA1[Role::ORG_ADMIN]', reason: 'Left over from an earlier version of this role' },
    ]);
    expect(failures(app)).toEqual([
      expect.stringMatching(
        /^\[identity-example\/BreakGlass\] \[LP-SUP1\] suppression LP-OKTA1\[Role::ORG_ADMIN\] on identity-example\/BreakGlass: matches nothing/,
      ),
    ]);
    expect(app.reports.get('identity-example')?.suppressed).toEqual([
      expect.objectContaining({
        suppressionId: 'LP-OKTA1[Role::SUPER_ADMIN]',
        suppressedOn: 'identity-example/BreakGlass',
        reason: 'Break-glass group, emptied by the on-call runbook after use',
      }),
    ]);
  });
});

describe('exactly one App', () => {
  test('a second App synthesizing into the same directory is refused, before or after', () => {
    const first = newApp();
    expect(() => new GuardedApp({ outdir: first.outdir })).toThrow(/a second App synthesizes into .*; the project has exactly one App \(main\.ts\)/);
  });

  test('a manifest written by another App in this process fails the guarded synth, whichever ran first', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guarded-'));
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { other: {} } }));
    const app = new GuardedApp({ outdir });
    identity(app);
    expect(() => app.synth()).toThrow(/another App already synthesized .*manifest\.json in this process/);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('the manifest check names a manifest another App overwrote after the guarded synth', () => {
    const app = newApp();
    identity(app);
    app.synth();
    expect(foreignManifestProblem(app.outdir, ['identity-example'])).toBeUndefined();
    fs.writeFileSync(path.join(app.outdir, 'manifest.json'), JSON.stringify({ stacks: { stray: {} } }));
    expect(foreignManifestProblem(app.outdir, ['identity-example'])).toMatch(
      /lists stacks \[stray\], not the guarded app's \[identity-example\]: another App synthesized/,
    );
    // The check also runs when this test process exits; leave no stray manifest behind for it.
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('main.ts declares exactly one App, a GuardedApp', () => {
    const main = fs.readFileSync(path.join(__dirname, '../../main.ts'), 'utf8');
    expect(main.match(/new [A-Za-z]*App\(/g)).toEqual(['new GuardedApp(']);
  });
});

// Fn is imported for the computed-URL case in okta.test.ts; kept here so a computed URI in the full app is judged too.
test('a computed event hook URI fails in the full app', () => {
  const app = newApp();
  const stack = new IdentityStack(app, { config: exampleWith(), eventHookUrl: Fn.replace('https://bridge.example.com/v1/okta/events', 'https://', 'http://') });
  expect(failures(app).join('\n')).toMatch(/\[identity-example\/.*\] \[LP-OKTA7\] .*\(Uri::computed\)/);
  expect(stack.node.id).toBe('identity-example');
});
