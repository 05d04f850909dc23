import { Aspects, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ENVIRONMENTS_DIR } from '../config/load';
import { stackId } from '../config/naming';
import { AdoptedImports, IMPORTS_DIR_CONTEXT, importsDirOf, readAdoptedImports } from '../constructs/adopted-imports';
import { applySynthFastPaths, checkTerraformVersionsAgainst, discardingPreparedResults } from '../constructs/cdktf-internals';
import { LeastPrivilegeChecks, requestableGroupNames } from '../guardrails';
import { ServiceLimitChecks } from '../guardrails/packs/service-limits';
import type { EnvironmentConfig } from '../config/schema';
import { withTerraformLiterals } from './terraform-literals';

/** `terraform.required_version` of every stack; the README's "Deploying for real" states the same minimum. */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10';

export interface BaseStackProps {
  readonly config: EnvironmentConfig;
}

/**
 * A Terraform root module for one environment: owns the state backend and the guardrails, nothing else.
 *
 * The stack id is `<stack>-<environment>`, which is also the state key, so two environments or two stacks
 * never share state. S3 state is always encrypted and always locked.
 */
export abstract class BaseStack extends TerraformStack {
  public readonly config: EnvironmentConfig;

  protected constructor(scope: Construct, stack: string, props: BaseStackProps) {
    const id = stackId(stack, props.config.name);
    super(scope, id);
    // Short cuts through cdktf internals that leave the output as it is and make a large synth fast (constructs/cdktf-internals).
    applySynthFastPaths();
    this.config = props.config;
    // The oldest Terraform every stack works with: S3-native state locking and ephemeral resources need 1.10.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
    // Least privilege is checked on every synth; an error annotation aborts `cdktf synth` (guardrails/RULES.md).
    Aspects.of(this).add(new LeastPrivilegeChecks({ requestableGroupNames: requestableGroupNames(props.config) }));
    // Documented service limits too: what `terraform apply` would refuse fails here, naming the fix (docs/service-limits.md).
    Aspects.of(this).add(new ServiceLimitChecks());
    // Objects of an adopted organisation are imported, not created again (`<env>.imports.json`, npm run env:adopt).
    const importsDir = importsDirOf(props.config, this.node.tryGetContext(IMPORTS_DIR_CONTEXT) as string | undefined, ENVIRONMENTS_DIR);
    Aspects.of(this).add(new AdoptedImports(readAdoptedImports(props.config.name, importsDir)));
    const backend = props.config.backend;
    if (backend.type === 's3') {
      new S3Backend(this, {
        bucket: backend.bucket,
        region: backend.region,
        key: `${backend.keyPrefix}/${id}.tfstate`,
        encrypt: true,
        kmsKeyId: backend.kmsKeyArn,
        dynamodbTable: backend.dynamodbTable,
      });
      if (!backend.dynamodbTable) {
        // cdktf 0.21's S3BackendConfig predates `use_lockfile` (Terraform >= 1.10 S3-native locking).
        this.addOverride('terraform.backend.s3.use_lockfile', true);
      }
    } else {
      // Terraform runs each stack in cdktf.out/stacks/<id>/: this path puts every stack's state at the project root,
      // where a stack reading another's outputs (a local remote-state data source) finds it by the same path.
      new LocalBackend(this, { path: `../../../terraform.${id}.tfstate` });
    }
  }

  /** cdktf's preparation, which resolves every element for its effects only: nothing is copied (constructs/cdktf-internals). */
  public override prepareStack(): void {
    discardingPreparedResults(() => super.prepareStack());
  }

  /**
   * cdktf's validations, with each "needs Terraform >= x" check answered from this stack's required_version instead of
   * by running `terraform version`: synth needs no Terraform (constructs/cdktf-internals/terraform-version-checks.ts).
   */
  public override runAllValidations(): void {
    checkTerraformVersionsAgainst(this, REQUIRED_TERRAFORM_VERSION);
    super.runAllValidations();
  }

  /** Every plain string (config values above all) reaches Terraform as exactly its text: stacks/terraform-literals.ts. */
  public override toTerraform(): any {
    return withTerraformLiterals(this, () => super.toTerraform());
  }
}
