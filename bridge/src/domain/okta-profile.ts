import { JmlUser } from './jml-request';

/**
 * Text written in Unicode NFC: the group rules compare department and title with values Terraform wrote in NFC
 * (docs/terraform-string-escaping.md), so a decomposed spelling of the same text would silently match no rule.
 * Identifiers (login, email, employee number, manager) are kept exactly as sent.
 */
const NFC_ATTRIBUTES = new Set(['firstName', 'lastName', 'department', 'title']);

/**
 * Maps the request's user onto Okta's base profile attributes.
 *
 * `managerLogin` goes to the base attribute `manager`; department and title drive the birthright group rules.
 * Fields the request leaves out are not touched (partial update semantics).
 */
export function desiredProfile(user: JmlUser): Record<string, string> {
  const profile: Record<string, string> = { login: user.login, employeeNumber: user.employeeNumber };
  const optional: Array<[keyof JmlUser, string]> = [
    ['email', 'email'],
    ['firstName', 'firstName'],
    ['lastName', 'lastName'],
    ['department', 'department'],
    ['title', 'title'],
    ['managerLogin', 'manager'],
  ];
  for (const [from, to] of optional) {
    const value = user[from];
    if (value !== undefined) {
      profile[to] = NFC_ATTRIBUTES.has(to) ? value.normalize('NFC') : value;
    }
  }
  return profile;
}

/** The attributes whose Okta value differs from the desired one, with both values (for the update and its undo). */
export function profileChanges(
  current: Readonly<Record<string, unknown>>,
  desired: Record<string, string>,
): { next: Record<string, string>; previous: Record<string, unknown> } {
  const next: Record<string, string> = {};
  const previous: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (key === 'login') {
      continue;
    }
    if (current[key] !== value) {
      next[key] = value;
      previous[key] = current[key] ?? null;
    }
  }
  return { next, previous };
}
