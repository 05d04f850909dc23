/**
 * Provider arguments that the real provider declares `Required` with an environment default (SDKv2
 * `EnvDefaultFunc`). SDKv2 reports such an argument as optional when its variable is set in the provider's
 * process and as required otherwise, so Terraform refuses a provider block without it unless the variable is
 * set. The stand-in reproduces that from the variables Terraform passes it. Source: the provider's Go schema, as
 * recorded in docs/terraform-offline.md.
 */
export const ENV_DEFAULTS: Record<string, Record<string, string>> = {
  'registry.terraform.io/tylerhatton/servicenow': {
    instance_url: 'SERVICENOW_INSTANCE_URL',
    username: 'SERVICENOW_USERNAME',
    password: 'SERVICENOW_PASSWORD',
  },
};
