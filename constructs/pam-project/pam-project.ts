import { Construct } from 'constructs';
import { PasswordSettings } from '../../.gen/providers/oktapam/password-settings';
import { ResourceGroupProject } from '../../.gen/providers/oktapam/resource-group-project';
import { ResourceGroupServerEnrollmentToken } from '../../.gen/providers/oktapam/resource-group-server-enrollment-token';
import { ServerCheckoutSettings } from '../../.gen/providers/oktapam/server-checkout-settings';

/** Rotation and complexity of managed account passwords. */
export interface PamPasswordProps {
  readonly rotationPeriodHours: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly characters: { readonly upperCase: boolean; readonly lowerCase: boolean; readonly digits: boolean; readonly punctuation: boolean };
}

export interface PamProjectProps {
  /** OPA project name; ForceNew in the provider, so renaming replaces the project and re-enrolls its servers. */
  readonly name: string;
  readonly resourceGroupId: string;
  /** Selects the gateway that forwards and records this project's sessions (`key=value,...`). */
  readonly gatewaySelector: string;
  /** Local accounts whose passwords OPA vaults and rotates. */
  readonly managedAccounts: readonly string[];
  readonly passwords: PamPasswordProps;
  /** Seconds a vaulted account stays checked out (900-86400, the provider's range). */
  readonly checkoutDurationSeconds: number;
}

/**
 * An OPA project in a resource group, with everything a server in it needs: an enrollment token, periodic
 * rotation of its managed account passwords, and mandatory, time-bounded checkout of those accounts.
 *
 * Baked in: rotation is always on and checkout is always required; neither has a switch.
 */
export class PamProject extends Construct {
  public readonly resource: ResourceGroupProject;
  public readonly enrollmentToken: ResourceGroupServerEnrollmentToken;
  public readonly passwordSettings: PasswordSettings;
  public readonly checkoutSettings: ServerCheckoutSettings;
  public readonly projectId: string;

  constructor(scope: Construct, id: string, props: PamProjectProps) {
    super(scope, id);
    this.resource = new ResourceGroupProject(this, 'Resource', {
      name: props.name,
      resourceGroup: props.resourceGroupId,
      gatewaySelector: props.gatewaySelector,
    });
    this.projectId = this.resource.id;
    const scoped = { resourceGroup: props.resourceGroupId, project: this.projectId };
    this.enrollmentToken = new ResourceGroupServerEnrollmentToken(this, 'EnrollmentToken', {
      ...scoped,
      description: `Enrollment of ${props.name} servers (Terraform)`,
    });
    const { characters } = props.passwords;
    this.passwordSettings = new PasswordSettings(this, 'Passwords', {
      ...scoped,
      enablePeriodicRotation: true,
      periodicRotationDurationInSeconds: props.passwords.rotationPeriodHours * 3600,
      managedPrivilegedAccounts: [...props.managedAccounts],
      minLength: props.passwords.minLength,
      maxLength: props.passwords.maxLength,
      characterOptions: {
        upperCase: characters.upperCase,
        lowerCase: characters.lowerCase,
        digits: characters.digits,
        punctuation: characters.punctuation,
      },
    });
    this.checkoutSettings = new ServerCheckoutSettings(this, 'Checkout', {
      ...scoped,
      checkoutRequired: true,
      checkoutDurationInSeconds: props.checkoutDurationSeconds,
    });
  }
}
