import type { AppRecord, GroupRecord, RequestSequenceRecord, UserRecord } from './model';

/** Okta JSON shapes of the records, with HAL `_links` built from the org URL. */

export function userView(user: UserRecord, orgUrl: string): Record<string, unknown> {
  const self = `${orgUrl}/api/v1/users/${user.id}`;
  const links: Record<string, unknown> = {
    self: { href: self },
    schema: { href: `${orgUrl}/api/v1/meta/schemas/user/default` },
    type: { href: `${orgUrl}/api/v1/meta/types/user/default` },
  };
  const lifecycle = (name: string): void => {
    links[name] = { href: `${self}/lifecycle/${name}`, method: 'POST' };
  };
  switch (user.status) {
    case 'STAGED':
      lifecycle('activate');
      lifecycle('deactivate');
      break;
    case 'PROVISIONED':
      lifecycle('reactivate');
      lifecycle('deactivate');
      break;
    case 'DEPROVISIONED':
      lifecycle('activate');
      links.delete = { href: self, method: 'DELETE' };
      break;
    case 'SUSPENDED':
      lifecycle('unsuspend');
      lifecycle('deactivate');
      break;
    default:
      lifecycle('suspend');
      lifecycle('deactivate');
  }
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: 'oty00000000000000000' },
    profile: { ...user.profile },
    credentials: {
      ...(user.passwordChanged ? { password: {} } : {}),
      emails: [{ value: user.profile.email, status: 'VERIFIED', type: 'PRIMARY' }],
      provider: { type: user.providerType, name: user.providerName },
    },
    _links: links,
  };
}

export function groupView(group: GroupRecord, orgUrl: string): Record<string, unknown> {
  const self = `${orgUrl}/api/v1/groups/${group.id}`;
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: ['okta:user_group'],
    type: group.type,
    profile: { ...group.profile },
    _links: {
      logo: [{ name: 'medium', href: `${orgUrl}/img/logos/groups/okta-medium.png`, type: 'image/png' }],
      users: { href: `${self}/users` },
      apps: { href: `${self}/apps` },
    },
  };
}

export function appView(app: AppRecord, orgUrl: string): Record<string, unknown> {
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    signOnMode: app.signOnMode,
    created: app.created,
    lastUpdated: app.created,
    _links: {
      self: { href: `${orgUrl}/api/v1/apps/${app.id}` },
      users: { href: `${orgUrl}/api/v1/apps/${app.id}/users` },
      groups: { href: `${orgUrl}/api/v1/apps/${app.id}/groups` },
    },
  };
}

/**
 * A request sequence as the governance API lists it. `link` mirrors the provider's "Link to edit the request
 * sequence" attribute; its exact place in the API payload is unverified.
 */
export function requestSequenceView(seq: RequestSequenceRecord, orgUrl: string): Record<string, unknown> {
  return {
    id: seq.id,
    name: seq.name,
    description: seq.description,
    compatibleResourceTypes: [...seq.compatibleResourceTypes],
    link: `${orgUrl}/admin/governance/access-requests/sequences/${seq.id}`,
  };
}
