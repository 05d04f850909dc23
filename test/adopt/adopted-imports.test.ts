import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformResource } from 'cdktf';
import { IMPORTS_DIR_CONTEXT, importsPath, logicalKeyOf } from '../../constructs/adopted-imports';
import { declareEnvironment } from '../../stacks/environment-stacks';
import { exampleWith } from '../helpers/config';
import { synthJson } from '../helpers/synth';

function withImports(imports: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopted-imports-'));
  fs.writeFileSync(importsPath('example', dir), JSON.stringify({ _generated: 'test', environment: 'example', imports }));
  const app = Testing.app({ context: { [IMPORTS_DIR_CONTEXT]: dir } });
  return declareEnvironment(app, exampleWith());
}

describe('AdoptedImports aspect', () => {
  const stacks = withImports({
    'okta_group:jml-dept-engineering': '00gENGINEERING000001',
    'okta_group_rule:jml-dept-engineering/jml-dept-engineering': '0prENGINEERING000001',
    'okta_app_group_assignment:jml-access-eng-linux-prod/PrivilegedAccessAssignment': '0oaPAM/00gLINUX',
    'okta_request_condition:jml-eng-linux-sre': '0oaPAM/rc1',
  });

  test('adds an import block for each resource whose logical key has an id, in whichever stack holds it', () => {
    const identity = synthJson(stacks.identity);
    const address = (type: string, field: string, value: string) =>
      `${type}.${Object.entries(identity.resource?.[type] ?? {}).find(([, body]) => body[field] === value)?.[0]}`;
    expect(identity.import).toEqual(
      expect.arrayContaining([
        { to: address('okta_group', 'name', 'jml-dept-engineering'), id: '00gENGINEERING000001' },
        { to: address('okta_group_rule', 'name', 'jml-dept-engineering'), id: '0prENGINEERING000001' },
      ]),
    );
    expect(identity.import).toHaveLength(3);
    const governance = synthJson(stacks.governance!);
    expect(governance.import.map((block: { id: string }) => block.id)).toContain('0oaPAM/rc1');
  });

  test('keys are unique in the identity stack and name objects, not construct paths', () => {
    const keys = stacks.identity.node
      .findAll()
      .filter((n): n is TerraformResource => n instanceof TerraformResource)
      .map(logicalKeyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('okta_event_hook:JML lifecycle events (example)');
    expect(keys.every((key) => !key.includes('identity-example'))).toBe(true);
  });

  test('an environment without an imports file synthesizes no import blocks of its own', () => {
    const app = Testing.app({ context: { [IMPORTS_DIR_CONTEXT]: fs.mkdtempSync(path.join(os.tmpdir(), 'none-')) } });
    expect(synthJson(declareEnvironment(app, exampleWith()).identity).import).toBeUndefined();
  });

  test('an environment declared from another directory reads its imports file from there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-'));
    fs.copyFileSync(path.join(__dirname, '../../config/environments/example.lookups.json'), path.join(dir, 'example.lookups.json'));
    fs.writeFileSync(
      importsPath('example', dir),
      JSON.stringify({ _generated: 'test', environment: 'example', imports: { 'okta_group:jml-managed-users': '00gPOPULATION0000001' } }),
    );
    const stacks = declareEnvironment(Testing.app(), exampleWith(), { environmentsDir: dir });
    expect(synthJson(stacks.identity).import).toEqual([{ to: expect.stringMatching(/^okta_group\./), id: '00gPOPULATION0000001' }]);
  });

  test('a malformed imports file fails synth naming the file and the fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-'));
    fs.writeFileSync(importsPath('example', dir), JSON.stringify({ environment: 'other', imports: {} }));
    const app = Testing.app({ context: { [IMPORTS_DIR_CONTEXT]: dir } });
    expect(() => declareEnvironment(app, exampleWith())).toThrow(/example\.imports\.json must have "environment": "example".*npm run env:adopt/);
  });
});
