import type { App } from 'cdktf';
import type { EnvironmentConfig } from '../config/schema';
import { IdentityStack } from './identity-stack';

/** Every stack of one environment, wired together by cross-stack references. */
export interface EnvironmentStacks {
  readonly identity: IdentityStack;
}

/**
 * Declares every stack of one environment in `app`. Order matters only for cross-stack references:
 * a stack is created after the stacks whose values it reads.
 */
export function declareEnvironment(app: App, config: EnvironmentConfig): EnvironmentStacks {
  const identity = new IdentityStack(app, { config });
  return { identity };
}
