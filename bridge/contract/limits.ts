/**
 * Field length limits of the JML request, shared by the request contract (`bridge/src/domain/jml-request.ts`), the
 * intake's parser and the environment configuration (department and title values in `config/schema`), so a value
 * config accepts is one the bridge accepts, and the other way round.
 *
 * Why these numbers: Okta's default user profile limits `login` and `email` to 100 characters and `firstName` /
 * `lastName` to 50 ("Default profile properties",
 * https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/); ServiceNow's fields are longer,
 * so Okta's limit binds. `department` and `title` have no published Okta limit; 100 is the bridge's choice.
 */
export const JML_FIELD_LIMITS = {
  /** Okta login and email (base profile `login`, `email`): at most 100 characters. */
  login: 100,
  email: 100,
  /** Okta base profile `firstName` / `lastName`. */
  firstName: 50,
  lastName: 50,
  /** Okta base profile `department` / `title`; birthright group rules match on them, so config names them too. */
  department: 100,
  title: 100,
  /** HR employee number: letters, digits and dashes. */
  employeeNumber: 32,
  /** ServiceNow `user_name` / email / sys_id of an approver or requester. */
  approver: 256,
  requestedBy: 256,
  /** A managed Okta group name (the bridge's naming convention; Okta allows 255). */
  groupName: 128,
  /** Managed groups one request may name. */
  groupsPerRequest: 50,
  /** Approvals one request may carry. */
  approvalsPerRequest: 20,
} as const;

export type JmlFieldLimit = keyof typeof JML_FIELD_LIMITS;
