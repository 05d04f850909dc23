import type { EnvironmentConfig } from '../../config/schema';
import { GENERATED_NOTE, type GovernanceLookups } from '../../config/oig-lookups';
import type { OktaReadClient } from './okta-client';

/** Okta API scopes discovery needs: find the app by label, list its request sequences. */
export const DISCOVERY_SCOPES = ['okta.apps.read', 'okta.accessRequests.condition.read'] as const;

/**
 * Request sequences of a resource. developer.okta.com documents this list under governance.requests.admin.v2
 * ("Request Sequences", `GET /governance/api/v2/resources/{resourceId}/request-sequences`, body `{ data, _links }`);
 * the project's Okta simulator serves the same path.
 */
export const requestSequencesPath = (resourceId: string) => `/governance/api/v2/resources/${encodeURIComponent(resourceId)}/request-sequences`;

interface App {
  readonly id: string;
  readonly label: string;
  readonly status?: string;
}
interface RequestSequence {
  readonly id: string;
  readonly name: string;
}

/** Discovery could not resolve every name; lists every problem at once. */
export class DiscoveryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`governance discovery failed with ${problems.length} problem(s):\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'DiscoveryError';
  }
}

/**
 * Resolves what the governance stack needs by name: the Okta Privileged Access app (by exact label) and the id of
 * every approval sequence the environment's conditions name (listed on that app).
 *
 * A name must match exactly one object: none or several is an error naming the candidates, never a guess.
 */
export async function discoverLookups(client: OktaReadClient, config: EnvironmentConfig): Promise<GovernanceLookups> {
  const governance = config.governance;
  if (!governance) {
    throw new DiscoveryError([`environment "${config.name}" has no governance section: there is nothing to discover`]);
  }
  const label = config.identity.privilegedAccessAppLabel;
  const candidates = await client.listAll<App>(`/api/v1/apps?q=${encodeURIComponent(label)}`, (body) => body as App[]);
  // `q` is a prefix match on name and label; only an exact, active label counts.
  const apps = candidates.filter((app) => app.label === label && (app.status ?? 'ACTIVE') === 'ACTIVE');
  if (apps.length !== 1) {
    const found = apps.length === 0 ? 'none' : apps.map((app) => app.id).join(', ');
    throw new DiscoveryError([
      `identity.privilegedAccessAppLabel: expected exactly one active app labelled "${label}", found ${found}; ` +
        'fix the label or deactivate/rename the duplicate',
    ]);
  }
  const app = apps[0] as App;

  const sequences = await client.listAll<RequestSequence>(requestSequencesPath(app.id), (body) => (body as { data: RequestSequence[] }).data);
  const problems: string[] = [];
  const approvalSequences: Record<string, string> = {};
  const seen = new Set<string>();
  governance.conditions.forEach((condition, index) => {
    const name = condition.approvalSequence;
    // One answer per name: later conditions naming it share the first one's id or problem.
    if (seen.has(name)) return;
    seen.add(name);
    const matches = sequences.filter((sequence) => sequence.name === name);
    const at = `governance.conditions[${index}].approvalSequence`;
    if (matches.length === 1) {
      approvalSequences[name] = (matches[0] as RequestSequence).id;
    } else if (matches.length === 0) {
      const available = sequences.map((sequence) => `"${sequence.name}"`).join(', ') || 'none';
      problems.push(`${at}: no request sequence named "${name}" on app ${app.id} (available: ${available}); create it in Okta Access Requests or fix the name`);
    } else {
      problems.push(
        `${at}: ${matches.length} request sequences are named "${name}" on app ${app.id} (ids ${matches.map((m) => m.id).join(', ')}); ` +
          'rename all but one in Okta Access Requests so the name is unambiguous',
      );
    }
  });
  if (problems.length > 0) throw new DiscoveryError(problems);

  return {
    _generated: GENERATED_NOTE,
    environment: config.name,
    privilegedAccessApp: { label: app.label, id: app.id },
    approvalSequences,
  };
}
