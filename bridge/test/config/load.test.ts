import { ENV } from '../../contract/env-names';
import { ConfigError, loadConfig } from '../../src/config/load';

const validStore = { [ENV.tableName]: 'jml-bridge', [ENV.region]: 'eu-west-1' };

describe('configuration', () => {
  test('reads only the sections a function asks for', async () => {
    const config = await loadConfig(['store'], { ...validStore, [ENV.logLevel]: 'warn' });
    expect(config).toEqual({ logLevel: 'warn', store: { tableName: 'jml-bridge', region: 'eu-west-1' } });
  });

  test('fails with every problem at once, naming each variable and the fix', async () => {
    const attempt = loadConfig(['store', 'queue', 'managedGroups', 'intake', 'okta'], {
      [ENV.tableName]: 'x',
      [ENV.queueUrl]: 'https://sqs.eu-west-1.amazonaws.com/123/jml',
      [ENV.configTable]: 'jml-bridge-config',
      [ENV.managedGroupsDigest]: 'not-a-digest',
      [ENV.oktaOrgUrl]: 'not a url',
      [ENV.logLevel]: 'verbose',
    });
    await expect(attempt).rejects.toThrow(ConfigError);
    const problems = ((await attempt.catch((e: unknown) => e)) as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        `${ENV.logLevel}: must be one of debug, info, warn, error, silent`,
        expect.stringMatching(new RegExp(`^${ENV.tableName}: must be a DynamoDB table name`)),
        expect.stringMatching(new RegExp(`^${ENV.queueUrl}: must be the URL of a FIFO queue`)),
        expect.stringMatching(new RegExp(`^${ENV.managedGroupsDigest}: must be the SHA-256 hex digest of the managed-group list`)),
        expect.stringMatching(new RegExp(`^${ENV.oktaOrgUrl}: `)),
        `${ENV.webhookSecretArn}: set it to the Secrets Manager ARN (AWS), or set ${ENV.webhookSecret} directly (local mode only)`,
      ]),
    );
  });

  test('reads secrets by ARN through the secret reader, never from the environment', async () => {
    const requested: string[] = [];
    const config = await loadConfig(['intake'], { [ENV.webhookSecretArn]: 'arn:aws:secretsmanager:eu-west-1:123:secret:webhook' }, async (arns) => {
      requested.push(...Object.values(arns));
      return { [ENV.webhookSecret]: `whsec_${Buffer.alloc(32, 3).toString('base64')} whsec_${Buffer.alloc(24, 4).toString('base64')}` };
    });
    expect(requested).toEqual(['arn:aws:secretsmanager:eu-west-1:123:secret:webhook']);
    expect(config.intake.signingKeys).toHaveLength(2);
    expect(config.intake.toleranceSeconds).toBe(300);
  });

  test('a secret ARN without Secrets Manager (local mode) says to set the value instead', async () => {
    await expect(loadConfig(['eventHook'], { [ENV.eventHookSecretArn]: 'arn:aws:secretsmanager:x' })).rejects.toThrow(
      /EVENT_HOOK_SECRET_ARN: secret ARNs need AWS Secrets Manager; in local mode set EVENT_HOOK_SECRET directly/,
    );
  });

  test('the workflows executor requires the flow URLs, and a client token when it uses one', async () => {
    const base = {
      [ENV.executor]: 'workflows',
      [ENV.oktaOrgUrl]: 'https://example.okta.com',
      [ENV.oktaClientId]: 'c',
      [ENV.oktaKeyId]: 'k',
      [ENV.oktaPrivateKey]: 'pem',
      [ENV.workflowsAuth]: 'client-token',
    };
    await expect(loadConfig(['okta'], base)).rejects.toThrow(
      /OKTA_WORKFLOWS_FLOW_URLS: required when BRIDGE_EXECUTOR=workflows[\s\S]*OKTA_WORKFLOWS_CLIENT_TOKEN_SECRET_ARN: set it/,
    );
  });

  test('bounds each Okta call at 10 s unless OKTA_HTTP_TIMEOUT_MS says otherwise, and refuses a value that cannot help', async () => {
    const base = { [ENV.oktaOrgUrl]: 'https://example.okta.com', [ENV.oktaClientId]: 'c', [ENV.oktaKeyId]: 'k', [ENV.oktaPrivateKey]: 'pem' };
    expect((await loadConfig(['okta'], base)).okta.retry.requestTimeoutMs).toBe(10000);
    expect((await loadConfig(['okta'], { ...base, [ENV.oktaHttpTimeoutMs]: '2500' })).okta.retry.requestTimeoutMs).toBe(2500);
    await expect(loadConfig(['okta'], { ...base, [ENV.oktaHttpTimeoutMs]: '0' })).rejects.toThrow(/OKTA_HTTP_TIMEOUT_MS: /);
  });

  test('ServiceNow credentials must be basic or bearer JSON', async () => {
    await expect(
      loadConfig(['serviceNow'], { [ENV.serviceNowUrl]: 'https://dev.service-now.com', [ENV.serviceNowCredentials]: 'admin:admin' }),
    ).rejects.toThrow(/SERVICENOW_CREDENTIALS: must be JSON \{"type":"basic"/);
  });
});

describe('the Okta credential secret', () => {
  const okta = { [ENV.oktaOrgUrl]: 'https://example.okta.com', [ENV.oktaPrivateKeyArn]: 'arn:aws:secretsmanager:eu-west-1:123:secret:okta' };
  const reading = (secret: string) => async () => ({ [ENV.oktaPrivateKey]: secret });

  test('takes the client id, key id and private key from one JSON secret', async () => {
    const jwk = { kty: 'RSA', d: 'private', n: 'n', e: 'AQAB' };
    const config = await loadConfig(['okta'], okta, reading(JSON.stringify({ clientId: '0oa1', keyId: 'kid-2', privateKey: jwk })));
    expect(config.okta).toMatchObject({ clientId: '0oa1', keyId: 'kid-2', privateKey: JSON.stringify(jwk) });
  });

  test('a key id in the secret wins over OKTA_KEY_ID, so a rotation changes key and kid together', async () => {
    const config = await loadConfig(
      ['okta'],
      { ...okta, [ENV.oktaKeyId]: 'kid-1' },
      reading(JSON.stringify({ clientId: '0oa1', keyId: 'kid-2', privateKey: 'PEM' })),
    );
    expect(config.okta).toMatchObject({ keyId: 'kid-2', privateKey: 'PEM' });
  });

  test('a bare PEM still works with OKTA_CLIENT_ID and OKTA_KEY_ID', async () => {
    const config = await loadConfig(['okta'], { ...okta, [ENV.oktaClientId]: '0oa9', [ENV.oktaKeyId]: 'kid-1' }, reading('-----BEGIN PRIVATE KEY-----'));
    expect(config.okta).toMatchObject({ clientId: '0oa9', keyId: 'kid-1', privateKey: '-----BEGIN PRIVATE KEY-----' });
  });

  test('fails naming what is missing and where to put it', async () => {
    await expect(loadConfig(['okta'], okta, reading('-----BEGIN PRIVATE KEY-----'))).rejects.toThrow(
      /OKTA_CLIENT_ID: missing; put "clientId" \(identity output service_app_client_id\) in the Okta key secret[\s\S]*OKTA_KEY_ID: missing/,
    );
  });
});
