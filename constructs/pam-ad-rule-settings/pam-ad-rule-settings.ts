import { Construct } from 'constructs';
import { Resource } from '../../.gen/providers/restful/resource';
import type { OpaRestApi } from '../opa-rest-api';

export type MatchAttribute = 'username' | 'first-and-last-name' | 'display-name' | 'email';

export interface AdRuleSettings {
  /** Attributes that must all match exactly. */
  readonly matchOn: readonly MatchAttribute[];
  /** Prefixes / suffixes stripped before matching; any one may match. */
  readonly partialMatches: readonly { readonly operator: 'starts-with' | 'ends-with'; readonly value: string }[];
}

export interface PamAdRuleSettingsProps extends AdRuleSettings {
  readonly api: OpaRestApi;
  readonly connectionId: string;
}

/** What destroying the settings restores: exact matching on the username only (config/schema/ad-accounts.ts defaults). */
export const DEFAULT_RULE_SETTINGS: AdRuleSettings = { matchOn: ['username'], partialMatches: [] };

/** The `ActiveDirectoryAccountRuleSettings` body; the partial operators are spelled with a space, unlike rule filters. */
export function ruleSettingsBody(settings: AdRuleSettings): Record<string, unknown> {
  const on = new Set(settings.matchOn);
  return {
    is_configured: true,
    matching_criteria: {
      username: on.has('username'),
      first_and_last_name: on.has('first-and-last-name'),
      display_name: on.has('display-name'),
      email: on.has('email'),
    },
    partial_matching_criteria: settings.partialMatches.map((p) => ({
      operator: p.operator === 'starts-with' ? 'STARTS WITH' : 'ENDS WITH',
      match_value: p.value,
    })),
    allow_partial_matches: settings.partialMatches.length > 0,
  };
}

/**
 * The account rule settings of one AD connection: a singleton OPA always has, so create and update both POST
 * `…/rule_settings` and destroy POSTs the defaults back (there is no DELETE).
 */
export class PamAdRuleSettings extends Construct {
  public readonly resource: Resource;

  constructor(scope: Construct, id: string, props: PamAdRuleSettingsProps) {
    super(scope, id);
    if (props.matchOn.length === 0) throw new Error('PamAdRuleSettings: match on at least one attribute');
    this.resource = new Resource(this, 'Resource', {
      provider: props.api.provider,
      path: `${props.api.teamPath}/resource_assignment/active_directory/${props.connectionId}/rule_settings`,
      createMethod: 'POST',
      updateMethod: 'POST',
      deleteMethod: 'POST',
      body: ruleSettingsBody(props),
      deleteBody: ruleSettingsBody(DEFAULT_RULE_SETTINGS),
    });
  }
}
