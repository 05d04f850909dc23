import { LIFECYCLE_EVENT_TYPES } from '../../constructs/lifecycle-event-hook';
import { JML_MANAGEMENT_SCOPES, JML_ROLE_PERMISSIONS, WORKFLOWS_INVOKE_SCOPE } from '../../constructs/jml-service-app';
import type { OktaInventory } from './inventory';
import type { Findings } from './report';

/** The service app's public keys in the config's shape, or undefined when the app has none the schema accepts. */
export function publicKeysOf(okta: OktaInventory): Record<string, string>[] | undefined {
  const keys = (okta.serviceApp?.jwks ?? []).flatMap((jwk): Record<string, string>[] => {
    const k = jwk as Record<string, string>;
    if (k.kty === 'RSA' && k.kid && k.e && k.n) return [{ kty: 'RSA', kid: k.kid, e: k.e, n: k.n }];
    if (k.kty === 'EC' && k.kid && k.x && k.y) return [{ kty: 'EC', kid: k.kid, x: k.x, y: k.y }];
    return [];
  });
  return keys.length > 0 ? keys.slice(0, 2) : undefined;
}

/**
 * What the identity stack would change on the service app, its role and the event hook: every scope, permission or
 * event type the org has beyond the project's is narrowed away, every one it lacks is widened in.
 */
export function checkServiceAppAndHook(okta: OktaInventory, environment: string, invokeWorkflows: boolean, findings: Findings): void {
  const app = okta.serviceApp;
  if (app) {
    const object = `service app "${app.label}" (${app.id})`;
    if (app.applicationType !== 'service' || app.tokenEndpointAuthMethod !== 'private_key_jwt' || app.grantTypes.join() !== 'client_credentials') {
      findings.add(
        'changed',
        object,
        `is ${app.applicationType}/${app.tokenEndpointAuthMethod}/${app.grantTypes.join('+')}; the project declares a service app with private_key_jwt and client_credentials only`,
      );
    }
    const wanted = new Set<string>([...JML_MANAGEMENT_SCOPES, ...(invokeWorkflows ? [WORKFLOWS_INVOKE_SCOPE] : [])]);
    const extra = app.grantedScopes.filter((s) => !wanted.has(s));
    const lacking = [...wanted].filter((s) => !app.grantedScopes.includes(s));
    if (extra.length > 0) findings.add('narrowed', object, `scopes ${extra.join(', ')} are revoked by the first apply`);
    if (lacking.length > 0) findings.add('widened', object, `scopes ${lacking.join(', ')} are granted by the first apply`);
    if ((app.jwks ?? []).length > 2)
      findings.add('narrowed', object, `has ${app.jwks.length} public keys; the project keeps at most 2 (the first two were adopted)`);
    const role = okta.roles.find((r) => r.label === `${app.label} lifecycle`);
    if (role) {
      const extraPermissions = role.permissions.filter((p) => !(JML_ROLE_PERMISSIONS as readonly string[]).includes(p));
      const lackingPermissions = JML_ROLE_PERMISSIONS.filter((p) => !role.permissions.includes(p));
      if (extraPermissions.length > 0)
        findings.add('narrowed', `custom role "${role.label}" (${role.id})`, `permissions ${extraPermissions.join(', ')} are removed by the first apply`);
      if (lackingPermissions.length > 0)
        findings.add('widened', `custom role "${role.label}" (${role.id})`, `permissions ${lackingPermissions.join(', ')} are added by the first apply`);
    }
  }
  const hookName = `JML lifecycle events (${environment})`;
  for (const hook of okta.eventHooks) {
    const object = `event hook "${hook.name}" (${hook.id})`;
    if (hook.name !== hookName) {
      findings.add('not-managed', object, `not the project's hook ("${hookName}"), left alone`);
      continue;
    }
    const extra = hook.events.filter((e) => !(LIFECYCLE_EVENT_TYPES as readonly string[]).includes(e));
    const lacking = LIFECYCLE_EVENT_TYPES.filter((e) => !hook.events.includes(e));
    if (extra.length > 0) findings.add('narrowed', object, `event types ${extra.join(', ')} are no longer delivered after the first apply`);
    if (lacking.length > 0) findings.add('widened', object, `event types ${lacking.join(', ')} are delivered after the first apply`);
    findings.add(
      'changed',
      object,
      `delivers to ${hook.url}; the first apply points it at the bridge stack's event-hook URL (unchanged if it is the same) and sets its Authorization secret from TF_VAR_event_hook_auth_secret`,
    );
  }
}
