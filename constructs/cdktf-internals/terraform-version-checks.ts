import type { IConstruct, IValidation } from 'constructs';

/**
 * cdktf adds a validation to every construct that needs a minimum Terraform (an import block needs 1.5,
 * `terraform_data` 1.4, moved resources 1.5, the cloud block 1.1), and that validation runs `terraform version` in a
 * shell during synth (`ValidateBinaryVersion`, in cdktf 0.21 and cdktn 0.24 alike). So a stack that imports anything
 * could not be synthesized on a machine without Terraform: `npm run synth` and the tests failed with "Could not
 * determine version of terraform", although synth needs no Terraform and the project promises it does not.
 *
 * The question those validations ask has a static answer: every stack declares the oldest Terraform it accepts
 * (`terraform.required_version`, stacks/base-stack.ts), and Terraform refuses to run a stack with an older one. So
 * each `terraform` check is replaced, just before cdktf runs the validations, by one that compares the feature's
 * minimum with the stack's declared minimum: no process, the same answer on every machine, and a clear error when the
 * declared minimum is too old for a feature the stack uses. Checks of other binaries stay as they are.
 *
 * A construct's validations are the private list `_validations` of its node (constructs 10.x: `addValidation`
 * pushes to it, `validate` maps over it); test/stacks/terraform-version-checks.test.ts fails if either moves.
 */

/** The fields of cdktf's `ValidateBinaryVersion` (protected in its types, plain properties at run time). */
interface BinaryVersionCheck extends IValidation {
  readonly binary: string;
  readonly versionConstraint: string;
  readonly versionCommand: string;
  readonly hint?: string;
}

function isTerraformBinaryCheck(validation: IValidation): validation is BinaryVersionCheck {
  const check = validation as Partial<BinaryVersionCheck>;
  return check.binary === 'terraform' && typeof check.versionConstraint === 'string' && typeof check.versionCommand === 'string';
}

/** `>= 1.10`, `>=1.5.0`, `~> 1.10`: the lowest version the constraint allows, as [major, minor, patch]; else undefined. */
export function lowestAllowed(constraint: string): [number, number, number] | undefined {
  const match = /^\s*(?:>=|~>|=)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(constraint);
  return match ? [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] > minimum[i];
  return true;
}

/** A `terraform` version check answered from the stack's declared `required_version`. */
export class DeclaredTerraformVersionCheck implements IValidation {
  constructor(
    private readonly feature: { readonly versionConstraint: string; readonly hint?: string },
    private readonly requiredVersion: string,
  ) {}

  validate(): string[] {
    const needed = lowestAllowed(this.feature.versionConstraint);
    const declared = lowestAllowed(this.requiredVersion);
    if (!needed || !declared) {
      return [
        `cannot compare the stack's terraform.required_version "${this.requiredVersion}" with the ${this.feature.versionConstraint} a feature needs; write both as ">= <version>" (REQUIRED_TERRAFORM_VERSION in stacks/base-stack.ts)`,
      ];
    }
    if (atLeast(declared, needed)) return [];
    return [
      `the stack accepts Terraform "${this.requiredVersion}" (terraform.required_version) but uses a feature that needs ${this.feature.versionConstraint}${this.feature.hint ? ` (${this.feature.hint})` : ''}; raise REQUIRED_TERRAFORM_VERSION in stacks/base-stack.ts`,
    ];
  }
}

/**
 * Replaces every `terraform` binary version check under `root` with {@link DeclaredTerraformVersionCheck} against
 * `requiredVersion`. Idempotent: a replaced check is not a binary check any more.
 */
export function checkTerraformVersionsAgainst(root: IConstruct, requiredVersion: string): void {
  for (const construct of root.node.findAll()) {
    const validations = (construct.node as unknown as { _validations?: IValidation[] })._validations;
    if (!validations) continue;
    for (let i = 0; i < validations.length; i++) {
      const validation = validations[i];
      if (isTerraformBinaryCheck(validation)) validations[i] = new DeclaredTerraformVersionCheck(validation, requiredVersion);
    }
  }
}
