import { OktaProvider } from '@cdktf/provider-okta/lib/provider';
import type { Construct } from 'constructs';
import { identityShardStackName } from '../config/sharding';
import { BaseStack, type BaseStackProps } from './base-stack';
import { oktaProviderConfig } from './okta-org';

export interface IdentityGroupsStackProps extends BaseStackProps {
  /** 0-based shard number; the stack id is `identity-groups-<shard>-<environment>`. */
  readonly shard: number;
}

/**
 * One identity shard: a root module of its own holding the managed groups whose names hash to it (`config/sharding.ts`),
 * their rules and app assignments, and the JML role's resource sets over them. The identity stack declares its
 * contents; this class only owns the provider and the backend, so each shard has its own state and its own plan.
 */
export class IdentityGroupsStack extends BaseStack {
  public readonly shard: number;

  constructor(scope: Construct, props: IdentityGroupsStackProps) {
    super(scope, identityShardStackName(props.shard), props);
    this.shard = props.shard;
    new OktaProvider(this, 'okta', oktaProviderConfig(props.config.okta));
  }
}
