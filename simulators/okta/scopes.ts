/** Every OAuth scope the Okta simulator checks somewhere: for clients (tests, the demo CLI) allowed everything. */
export const ALL_SIMULATED_SCOPES: readonly string[] = [
  'okta.users.read',
  'okta.users.manage',
  'okta.groups.read',
  'okta.groups.manage',
  'okta.logs.read',
  'okta.apps.read',
  'okta.workflows.invoke.manage',
  'okta.accessRequests.condition.read',
  'okta.roles.read',
  'okta.eventHooks.read',
];
