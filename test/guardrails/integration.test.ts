import { App, TerraformStack } from 'cdktf';
import { GuardedApp, GuardrailViolation } from '../../guardrails/guarded-app';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { annotationsOf } from '../../guardrails/annotations';
import { REPORT_FILE } from '../../guardrails/pack';
import { IdentityStack } from '../../stacks/identity-stack';
import { exampleWith } from '../helpers/config';
import { declareForTest, synthString } from '../helpers/synth';
import { rawResource } from './helpers';

/** The bridge stack normally provides this; these tests synthesize the identity stack alone. */
const HOOK = 'https://bridge.example.com/v1/okta/events';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-'));
}

describe('the least-privilege pack on every stack', () => {
  test('the example environment passes every guardrail with no suppression', () => {
    const { app } = declareForTest(exampleWith());
    for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) synthString(stack);
    const problems = annotationsOf(app).filter((a) => a.level !== 'info' || a.message.includes('accepted by suppression'));
    expect(problems).toEqual([]);
  });

  test('an error finding aborts a real synth with the resource path and the fix', () => {
    const outdir = tempDir();
    const app = new GuardedApp({ outdir });
    const stack = new IdentityStack(app, { config: exampleWith(), eventHookUrl: HOOK });
    rawResource(stack, 'Escalation', 'okta_app_oauth_role_assignment', { client_id: 'x', type: 'SUPER_ADMIN' });
    expect(() => app.synth()).toThrow(GuardrailViolation);
    expect(() => app.synth()).toThrow(
      /\[identity-example\/Escalation\] \[LP-OKTA1\] A standard Okta admin role is assigned \(Role::SUPER_ADMIN\) on okta_app_oauth_role_assignment\.Escalation\. Fix: standard roles/,
    );
  });

  test('a real synth writes the guardrail report beside each stack', () => {
    const outdir = tempDir();
    const app = new GuardedApp({ outdir });
    new IdentityStack(app, { config: exampleWith(), eventHookUrl: HOOK });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'identity-example', REPORT_FILE), 'utf8'));
    expect(report).toEqual({ pack: 'LeastPrivilege, ServiceLimits', stack: 'identity-example', findings: [], suppressed: [] });
  });

  test('S3 backends of real environments pass LP-TF1: encrypted, and locked by lock file or table', () => {
    const config = exampleWith((raw) => (raw.backend = { type: 's3', bucket: 'acme-state', region: 'eu-west-1' }));
    const stack = new IdentityStack(new App({ outdir: tempDir() }), { config, eventHookUrl: HOOK });
    synthString(stack);
    expect(annotationsOf(stack).filter((a) => a.message.startsWith('[LP-TF1]'))).toEqual([]);
  });
});
