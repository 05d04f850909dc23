/**
 * Names the signing script (servicenow/scripts/JmlBridgeClient.js) and the servicenow stack share.
 *
 * The script is plain ServiceNow JavaScript and cannot import these, so it repeats them in
 * `JmlBridgeClient.SETTINGS` / `JmlBridgeClient.VARIABLES`; test/servicenow/script-contract.test.ts keeps both equal.
 */
export const SCRIPT_NAMES = {
  /** The REST message the script sends through. */
  restMessage: 'JML bridge',
  /** Its POST method. */
  restMethod: 'post_jml_request',
  /** The encrypted (password2) system property holding the Standard Webhooks secret `whsec_...`. */
  signingSecretProperty: 'jml.bridge.signing_secret',
  /** The script include's class name (and `name`). */
  scriptInclude: 'JmlBridgeClient',
} as const;

/** JML request field -> catalog variable name, in display order. */
export const JML_VARIABLE_NAMES = {
  action: 'jml_action',
  login: 'jml_login',
  email: 'jml_email',
  firstName: 'jml_first_name',
  lastName: 'jml_last_name',
  employeeNumber: 'jml_employee_number',
  department: 'jml_department',
  title: 'jml_title',
  managerLogin: 'jml_manager_login',
  effectiveDate: 'jml_effective_date',
} as const;

export type JmlVariableField = keyof typeof JML_VARIABLE_NAMES;
