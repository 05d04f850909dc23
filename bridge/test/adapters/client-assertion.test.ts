import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { clientCredentialsForm, parseSigningKey, signClientAssertion } from '../../src/adapters/okta/client-assertion';

describe('the one private_key_jwt client assertion', () => {
  const tokenUrl = 'https://example.okta.com/oauth2/v1/token';

  test.each([
    ['RSA PEM', 'RS256', generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['EC P-256 PEM', 'ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
  ] as const)('%s: signed %s, iss = sub = client id, aud = token endpoint, 5 minutes, a fresh jti, the kid', async (_name, alg, pair) => {
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const text of [pem, pem.replace(/\n/g, '\\n'), JSON.stringify(pair.privateKey.export({ format: 'jwk' }))]) {
      const key = parseSigningKey(text, 'TEST_KEY');
      expect(key.alg).toBe(alg);
      const [first, second] = await Promise.all([1, 2].map(() => signClientAssertion({ clientId: '0oaClient', keyId: 'k1', tokenUrl, key })));
      const publicKey = await importJWK(pair.publicKey.export({ format: 'jwk' }) as never, alg);
      const { payload } = await jwtVerify(first, publicKey, { issuer: '0oaClient', subject: '0oaClient', audience: tokenUrl });
      expect(payload.exp! - payload.iat!).toBe(300);
      expect(decodeProtectedHeader(first)).toEqual({ alg, kid: 'k1' });
      expect(payload.jti).not.toBe((await jwtVerify(second, publicKey)).payload.jti);
    }
  });

  test('leaves kid out when the app has one key, and builds the client-credentials form', async () => {
    const key = parseSigningKey(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'K');
    const assertion = await signClientAssertion({ clientId: 'c', tokenUrl, key });
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'ES256' });
    expect(Object.fromEntries(clientCredentialsForm(['okta.users.read', 'okta.groups.read'], assertion))).toEqual({
      grant_type: 'client_credentials',
      scope: 'okta.users.read okta.groups.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    });
  });

  test('names the source of an unreadable or unsuitable key', () => {
    expect(() => parseSigningKey('not a key', 'OKTA_API_PRIVATE_KEY')).toThrow(/^OKTA_API_PRIVATE_KEY is not a readable private key/);
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseSigningKey(ed, 'the Okta private key')).toThrow(
      'the Okta private key is a ed25519 key; Okta private_key_jwt needs an RSA or EC P-256 key',
    );
  });
});
