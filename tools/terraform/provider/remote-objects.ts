import { readFileSync } from 'node:fs';

/**
 * What the simulated remote API already holds, for a rehearsal: answers to data-source lookups that must find
 * something (a gateway enrolled by hand, say) and out-of-band changes that a refresh should report as drift.
 * Read from the JSON file named by TF_STANDIN_REMOTE_OBJECTS; with no file the API holds nothing extra.
 *
 * ```json
 * { "dataSources": { "oktapam_gateways": [{ "where": { "contains": "gw-a" }, "answer": { "gateways": [{ "id": "g1", "name": "gw-a" }] } }] },
 *   "drift": { "okta_group": { "<id>": { "description": "edited in the console" } } } }
 * ```
 */
export interface RemoteObjects {
  readonly dataSources?: Record<string, readonly DataSourceAnswer[]>;
  /** Answers of ephemeral resources (a token endpoint, say), matched the same way. */
  readonly ephemeralResources?: Record<string, readonly DataSourceAnswer[]>;
  readonly drift?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface DataSourceAnswer {
  /** Configuration arguments that must equal these values for the answer to apply. */
  readonly where?: Record<string, unknown>;
  /** Computed attributes the lookup returns. */
  readonly answer: Record<string, unknown>;
}

export const REMOTE_OBJECTS_ENV = 'TF_STANDIN_REMOTE_OBJECTS';

export function loadRemoteObjects(file = process.env[REMOTE_OBJECTS_ENV]): RemoteObjects {
  if (!file) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as RemoteObjects;
}

export function dataSourceAnswer(
  remote: RemoteObjects,
  type: string,
  config: Record<string, unknown>,
  kind: 'dataSources' | 'ephemeralResources' = 'dataSources',
): Record<string, unknown> {
  const answer = (remote[kind]?.[type] ?? []).find((candidate) =>
    Object.entries(candidate.where ?? {}).every(([key, value]) => JSON.stringify(config[key]) === JSON.stringify(value)),
  );
  return answer?.answer ?? {};
}

export function driftOf(remote: RemoteObjects, type: string, id: unknown): Record<string, unknown> {
  return typeof id === 'string' ? (remote.drift?.[type]?.[id] ?? {}) : {};
}
