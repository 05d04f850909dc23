import type { OpaInventory, OpaObject, OpaProject } from './inventory';

export interface OpaReadOptions {
  /** `https://<team>.pam.okta.com` style API host (or the simulator's URL). */
  readonly apiHost: string;
  readonly team: string;
  /** Service user key id and secret (OKTAPAM_KEY / OKTAPAM_SECRET). */
  readonly key: string;
  readonly secret: string;
  readonly fetchImpl: typeof fetch;
}

type Json = Record<string, any>;

/**
 * Reads the team's resource groups, their projects and the security policies with a service user's bearer token
 * (`POST /v1/teams/<team>/service_token`). Lists are `{ list: [...] }`, followed through `Link: <…>; rel="next"`.
 */
export async function readOpa(options: OpaReadOptions): Promise<OpaInventory> {
  const base = new URL(options.apiHost);
  const team = encodeURIComponent(options.team);
  const tokenResponse = await options.fetchImpl(new URL(`/v1/teams/${team}/service_token`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ key_id: options.key, key_secret: options.secret }),
  });
  const tokenBody = (await tokenResponse.json().catch(() => ({}))) as Json;
  if (!tokenResponse.ok || typeof tokenBody.bearer_token !== 'string') {
    throw new Error(`OPA refused the service token request for team ${options.team} (HTTP ${tokenResponse.status}); check OKTAPAM_KEY and OKTAPAM_SECRET`);
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${tokenBody.bearer_token}` };
  const list = async (path: string): Promise<Json[]> => {
    const items: Json[] = [];
    let url: URL | undefined = new URL(path, base);
    while (url) {
      const response = await options.fetchImpl(url, { headers });
      const body = (await response.json().catch(() => ({}))) as Json;
      if (!response.ok) throw new Error(`OPA GET ${url.pathname} failed with HTTP ${response.status}: ${body.message ?? body.error ?? 'no message'}`);
      items.push(...((body.list as Json[]) ?? []));
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      url = next ? new URL(next, base) : undefined;
      if (url && url.origin !== base.origin) throw new Error(`OPA returned a next link outside ${base.origin}; refusing to send the token there`);
    }
    return items;
  };
  const named = (item: Json): OpaObject => ({ id: item.id, name: item.name });
  const passwordSettings = async (groupId: string, projectId: string): Promise<Json | undefined> => {
    const url = new URL(`/v1/teams/${team}/resource_groups/${groupId}/projects/${projectId}/server_password_settings`, base);
    const response = await options.fetchImpl(url, { headers });
    const body = (await response.json().catch(() => ({}))) as Json;
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`OPA GET ${url.pathname} failed with HTTP ${response.status}: ${body.message ?? body.error ?? 'no message'}`);
    return body;
  };
  const resourceGroups = [];
  for (const group of await list(`/v1/teams/${team}/resource_groups`)) {
    const projects: OpaProject[] = [];
    for (const project of await list(`/v1/teams/${team}/resource_groups/${group.id}/projects`)) {
      projects.push({ ...named(project), passwordSettings: await passwordSettings(group.id, project.id) });
    }
    resourceGroups.push({ ...named(group), projects });
  }
  const policies = (await list(`/v1/teams/${team}/security_policies`)).map(named);
  return { resourceGroups, policies };
}
