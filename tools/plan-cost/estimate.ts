/**
 * What a `terraform plan` of one root module costs the services it reads: the refresh reads every managed object and
 * every data source once (one GET each at least; list attributes may page). Counted from the synthesized JSON, per
 * provider, and turned into minutes of the Okta org's Management API budget, which the bridge shares.
 */

/** Providers whose API budgets a plan spends, by the prefix of their Terraform types. */
export type PlanProvider = 'okta' | 'oktapam' | 'servicenow' | 'aws' | 'other';

export interface PlanCost {
  /** Objects read on refresh, by provider (resources and data sources). */
  readonly reads: Readonly<Record<PlanProvider, number>>;
  /** Minutes of the Okta budget the Okta reads take at {@link OKTA_READS_PER_MINUTE}. */
  readonly oktaMinutes: number;
}

/**
 * Okta Management API requests per minute a plan may count on: the per-endpoint org limits of the group, group rule
 * and app endpoints are in the hundreds per minute (500 to 600 for the large orgs this project plans for, see
 * docs/service-limits.md); the figure is an assumption to compare stacks, not a promise from Okta.
 */
export const OKTA_READS_PER_MINUTE = 500;

function providerOf(type: string): PlanProvider {
  if (type.startsWith('oktapam_')) return 'oktapam';
  if (type.startsWith('okta_')) return 'okta';
  if (type.startsWith('servicenow_')) return 'servicenow';
  if (type.startsWith('aws_')) return 'aws';
  return 'other';
}

/** Local-only types that a refresh never sends to an API. */
const LOCAL_TYPES = new Set(['terraform_remote_state', 'aws_iam_policy_document', 'null_resource', 'terraform_data']);

type Blocks = Record<string, Record<string, unknown>> | undefined;

/** Plan cost of one synthesized stack (`cdk.tf.json`, parsed). */
export function planCost(stack: { resource?: Blocks; data?: Blocks }): PlanCost {
  const reads: Record<PlanProvider, number> = { okta: 0, oktapam: 0, servicenow: 0, aws: 0, other: 0 };
  for (const blocks of [stack.resource, stack.data]) {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      if (LOCAL_TYPES.has(type)) continue;
      reads[providerOf(type)] += Object.keys(byName).length;
    }
  }
  return { reads, oktaMinutes: Math.round((reads.okta / OKTA_READS_PER_MINUTE) * 10) / 10 };
}
