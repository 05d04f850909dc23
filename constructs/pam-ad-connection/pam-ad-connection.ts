import { Construct } from 'constructs';
import { AdConnection } from '../../.gen/providers/oktapam/ad-connection';
import { AdTaskSettings } from '../../.gen/providers/oktapam/ad-task-settings';
import { AdUserSyncTaskSettings } from '../../.gen/providers/oktapam/ad-user-sync-task-settings';

/** Where discovery finds the servers of one project. */
export interface AdDiscoveryRule {
  readonly projectId: string;
  readonly baseDn: string;
  readonly ldapQueryFilter: string;
}

export interface PamAdConnectionProps {
  readonly name: string;
  readonly domain: string;
  /** @default - domain controllers found through DNS */
  readonly domainControllers?: readonly string[];
  /** The gateway that queries AD; its id comes from a lookup, never from config. */
  readonly gatewayId: string;
  /** A Terraform condition that must hold before the connection is planned (e.g. "exactly one gateway matched"). */
  readonly gatewayCondition?: { readonly condition: string; readonly errorMessage: string };
  readonly serviceAccountUsername: string;
  /** A sensitive variable's value; never a literal. */
  readonly serviceAccountPassword: string;
  readonly serverDiscovery: {
    readonly name: string;
    readonly frequencyHours: number;
    readonly startHourUtc?: number;
    readonly hostNameAttribute: string;
    readonly accessAddressAttribute: string;
    readonly osAttribute: string;
  };
  /** Rules that assign discovered servers to projects; the first has priority 1. */
  readonly rules: readonly AdDiscoveryRule[];
  /** @default - no user sync */
  readonly userSync?: {
    readonly name: string;
    readonly baseDn: string;
    readonly ldapQueryFilter: string;
    readonly frequencyHours: number;
    readonly startHourUtc?: number;
  };
}

/**
 * An Active Directory connection through the gateway, with the discovery job that enrolls domain-joined servers
 * into projects (base DN + LDAP filter per project) and, optionally, the user SID sync.
 *
 * OPA runs one active server discovery job per connection, so every project's rule lives in the same job.
 * AD account rules and AD account password rotation are not in the provider (see the README's gaps section).
 */
export class PamAdConnection extends Construct {
  public readonly resource: AdConnection;
  public readonly serverDiscovery: AdTaskSettings;
  public readonly userSync?: AdUserSyncTaskSettings;
  public readonly connectionId: string;

  constructor(scope: Construct, id: string, props: PamAdConnectionProps) {
    super(scope, id);
    if (props.rules.length === 0) {
      throw new Error(`PamAdConnection ${this.node.path}: no discovery rule; give at least one project an adDiscovery base DN and filter`);
    }
    this.resource = new AdConnection(this, 'Resource', {
      name: props.name,
      domain: props.domain,
      domainControllers: props.domainControllers ? [...props.domainControllers] : undefined,
      gatewayId: props.gatewayId,
      serviceAccountUsername: props.serviceAccountUsername,
      serviceAccountPassword: props.serviceAccountPassword,
      usePasswordless: false,
      lifecycle: props.gatewayCondition ? { precondition: [props.gatewayCondition] } : undefined,
    });
    this.connectionId = this.resource.id;
    const discovery = props.serverDiscovery;
    this.serverDiscovery = new AdTaskSettings(this, 'ServerDiscovery', {
      connectionId: this.connectionId,
      name: discovery.name,
      isActive: true,
      frequency: discovery.frequencyHours,
      startHourUtc: discovery.frequencyHours === 24 ? discovery.startHourUtc : undefined,
      hostNameAttribute: discovery.hostNameAttribute,
      accessAddressAttribute: discovery.accessAddressAttribute,
      osAttribute: discovery.osAttribute,
      ruleAssignments: props.rules.map((rule, index) => ({
        projectId: rule.projectId,
        baseDn: rule.baseDn,
        ldapQueryFilter: rule.ldapQueryFilter,
        priority: index + 1,
      })),
    });
    if (props.userSync) {
      const sync = props.userSync;
      this.userSync = new AdUserSyncTaskSettings(this, 'UserSync', {
        connectionId: this.connectionId,
        name: sync.name,
        isActive: true,
        baseDn: sync.baseDn,
        ldapQueryFilter: sync.ldapQueryFilter,
        frequency: sync.frequencyHours,
        startHourUtc: sync.frequencyHours === 24 ? sync.startHourUtc : undefined,
      });
    }
  }
}
