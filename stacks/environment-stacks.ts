import type { App } from 'cdktf';
import type { EnvironmentConfig } from '../config/schema';
import { useImportsBeside } from '../constructs/adopted-imports';
import { resolveApprovalSequences } from '../config/oig-lookups';
import { BridgeStack } from './bridge-stack';
import { GovernanceStack } from './governance-stack';
import { IdentityStack } from './identity-stack';
import { PrivilegedAccessStack } from './privileged-access-stack';
import { ServiceNowStack } from './servicenow-stack';
import { recordingStorageOf, SessionRecordingsStack } from './session-recordings-stack';

/** Every stack of one environment, wired together by cross-stack references. */
export interface EnvironmentStacks {
  readonly bridge: BridgeStack;
  readonly identity: IdentityStack;
  /** Present when the environment has a `governance` section. */
  readonly governance?: GovernanceStack;
  /** Present when the environment has a `privilegedAccess` section. */
  readonly privilegedAccess?: PrivilegedAccessStack;
  /** Present when the environment has a `servicenow` section; its REST message posts to the bridge's intake URL. */
  readonly servicenow?: ServiceNowStack;
  /** Present when the gateway uploads session recordings to S3 (`privilegedAccess.gateway.sessionLogs.storage: s3`). */
  readonly sessionRecordings?: SessionRecordingsStack;
}

export interface DeclareEnvironmentOptions {
  /**
   * Directory of the environment file and its generated lookups, for environments outside config/environments
   * (e.g. a clone being checked before it is committed).
   * @default config/environments
   */
  readonly environmentsDir?: string;
}

/**
 * Declares every stack of one environment in `app`. Order matters only for cross-stack references:
 * a stack is created after the stacks whose values it reads.
 */
export function declareEnvironment(app: App, config: EnvironmentConfig, options: DeclareEnvironmentOptions = {}): EnvironmentStacks {
  // Its adopted objects' import ids live beside the environment file (`<env>.imports.json`, npm run env:adopt).
  if (options.environmentsDir) useImportsBeside(config, options.environmentsDir);
  const bridge = new BridgeStack(app, { config });
  const identity = new IdentityStack(app, { config, eventHookUrl: bridge.eventHookUrl });
  const approvalSequenceIds = config.governance && options.environmentsDir ? resolveApprovalSequences(config, options.environmentsDir) : undefined;
  const governance = config.governance ? new GovernanceStack(app, { config, identity, approvalSequenceIds }) : undefined;
  const privilegedAccess = config.privilegedAccess ? new PrivilegedAccessStack(app, { config, identity, governance }) : undefined;
  const servicenow = config.servicenow ? new ServiceNowStack(app, { config, intakeUrl: bridge.intakeUrl }) : undefined;
  const sessionRecordings = recordingStorageOf(config) ? new SessionRecordingsStack(app, { config }) : undefined;
  return { bridge, identity, governance, privilegedAccess, servicenow, sessionRecordings };
}
