import { Group } from '@cdktf/provider-okta/lib/group';
import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { checkTerraformVersionsAgainst, DeclaredTerraformVersionCheck, lowestAllowed } from '../../constructs/cdktf-internals/terraform-version-checks';
import { REQUIRED_TERRAFORM_VERSION } from '../../stacks/base-stack';
import { exampleWith } from '../helpers/config';
import { declareForTest } from '../helpers/synth';

/** A bare cdktf stack (not a BaseStack) with one imported Okta group: cdktf's own validations, unchanged. */
function stackWithImport(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'bare');
  new OktaProvider(stack, 'okta', { orgName: 'example', baseUrl: 'okta.com' });
  new Group(stack, 'g', { name: 'imported' }).importFrom('00g1');
  return stack;
}

const validationErrors = (stack: TerraformStack): string => {
  try {
    stack.runAllValidations();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('Terraform version checks at synth (no terraform binary needed)', () => {
  /** The commands the validations of `stack` would run: cdktf's binary checks carry theirs as `versionCommand`. */
  const commandsOf = (stack: TerraformStack): string[] =>
    stack.node
      .findAll()
      .flatMap((c) => ((c.node as unknown as { _validations?: Array<{ versionCommand?: string }> })._validations ?? []).flatMap((v) => v.versionCommand ?? []));

  test("cdktf's own check of an import block runs `terraform version` (so synth would need terraform)", () => {
    expect(commandsOf(stackWithImport())).toEqual(['terraform version']);
  });

  test('answered from the declared required_version instead, no check runs a command and the stack validates', () => {
    const stack = stackWithImport();
    checkTerraformVersionsAgainst(stack, REQUIRED_TERRAFORM_VERSION);
    expect(commandsOf(stack)).toEqual([]);
    expect(validationErrors(stack)).toBe('');
  });

  test('a declared minimum older than a feature needs fails the synth, naming both and the fix', () => {
    const stack = stackWithImport();
    checkTerraformVersionsAgainst(stack, '>= 1.4');
    expect(validationErrors(stack)).toMatch(
      /the stack accepts Terraform ">= 1.4" \(terraform.required_version\) but uses a feature that needs >=1.5 \(Import blocks .*\); raise REQUIRED_TERRAFORM_VERSION in stacks\/base-stack.ts/,
    );
  });

  test('every stack of the example, the governance stack and its import blocks included, validates without running a command', () => {
    const { stacks } = declareForTest(exampleWith());
    const all = [stacks.bridge, stacks.identity, stacks.governance!, stacks.privilegedAccess!, stacks.servicenow!];
    expect(commandsOf(stacks.governance!).length).toBeGreaterThan(0);
    for (const stack of all) {
      stack.prepareStack();
      expect({ stack: stack.node.id, errors: validationErrors(stack) }).toEqual({ stack: stack.node.id, errors: '' });
      expect({ stack: stack.node.id, commands: commandsOf(stack) }).toEqual({ stack: stack.node.id, commands: [] });
    }
    expect(Testing.synth(stacks.governance!)).toContain('"import"');
  });

  test.each([
    ['>= 1.10', [1, 10, 0]],
    ['>=1.5', [1, 5, 0]],
    ['~> 1.10.2', [1, 10, 2]],
    ['1.11', [1, 11, 0]],
    ['< 2.0', undefined],
    ['>= 1.10, < 2.0', undefined],
  ] as const)('the lowest version %s allows is %j', (constraint, lowest) => {
    expect(lowestAllowed(constraint)).toEqual(lowest);
  });

  test('a constraint it cannot read is an error that says how to write it, never a pass', () => {
    expect(new DeclaredTerraformVersionCheck({ versionConstraint: '>=1.5' }, '>= 1.10, < 2.0').validate()).toEqual([
      expect.stringContaining('write both as ">= <version>"'),
    ]);
  });
});
