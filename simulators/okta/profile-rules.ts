import { OktaApiError, validationFailed } from './errors';
import type { UserProfile, UserRecord } from './model';
import type { OktaState } from './state';

/** Okta's base user-schema rules, as create and update apply them. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks Okta's base-schema rules: login, email, firstName and lastName are required; login and email must be
 * email-shaped; login (and any configured unique attribute) must be unique in the org, deactivated users included.
 */
export function validateProfile(
  state: OktaState,
  uniqueAttributes: readonly string[],
  input: Record<string, unknown> | undefined,
  selfId: string | undefined,
): UserProfile {
  if (input === undefined || typeof input !== 'object' || input === null) {
    throw validationFailed('profile', ['profile: The field cannot be left blank']);
  }
  const causes: string[] = [];
  for (const field of ['login', 'email', 'firstName', 'lastName']) {
    const value = input[field];
    if (typeof value !== 'string' || value.trim() === '') {
      causes.push(`${field}: The field cannot be left blank`);
    }
  }
  if (typeof input.login === 'string' && input.login !== '' && !EMAIL.test(input.login)) {
    causes.push('login: Username must be in the form of an email address');
  }
  if (typeof input.email === 'string' && input.email !== '' && !EMAIL.test(input.email)) {
    causes.push('email: Does not match required pattern');
  }
  if (causes.length > 0) {
    throw validationFailed(causes.map((c) => c.split(':')[0]).join(', '), causes);
  }
  const login = String(input.login).toLowerCase();
  for (const other of state.users.values()) {
    if (other.id === selfId) {
      continue;
    }
    if (other.profile.login.toLowerCase() === login) {
      throw validationFailed('login', ['login: An object with this field already exists in the current organization']);
    }
    for (const attr of uniqueAttributes) {
      const mine = input[attr];
      if (mine !== undefined && mine !== null && other.profile[attr] === mine) {
        throw validationFailed(attr, [`${attr}: An object with this field already exists in the current organization`]);
      }
    }
  }
  return { ...input } as UserProfile;
}

/** The credential provider type of a create request; OKTA unless FEDERATION, SOCIAL or IMPORT is given. */
export function normaliseProvider(type: string | undefined): UserRecord['providerType'] {
  if (type === 'FEDERATION' || type === 'SOCIAL' || type === 'IMPORT') {
    return type;
  }
  if (type !== undefined && type !== 'OKTA') {
    throw new OktaApiError(400, 'E0000001', 'Api validation failed: credentials', [
      `credentials.provider.type: ${type} is not one of OKTA, FEDERATION, SOCIAL, IMPORT`,
    ]);
  }
  return 'OKTA';
}
