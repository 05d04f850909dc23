import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Reads secret values once, at cold start. The values stay in memory only; the ARNs come from configuration and the
 * values are set out of band (never in Terraform state).
 */
export async function readSecrets(client: SecretsManagerClient, arns: Record<string, string>): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(arns).map(async ([name, arn]) => {
      const result = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      if (typeof result.SecretString !== 'string' || result.SecretString === '') {
        throw new Error(
          `secret ${arn} (for ${name}) has no string value; set it with 'aws secretsmanager put-secret-value --secret-id ${arn} --secret-string ...'`,
        );
      }
      return [name, result.SecretString] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** A config `SecretReader` backed by Secrets Manager in the function's region. */
export function awsSecretReader(region?: string): (arns: Record<string, string>) => Promise<Record<string, string>> {
  return (arns) => readSecrets(new SecretsManagerClient(region ? { region } : {}), arns);
}
