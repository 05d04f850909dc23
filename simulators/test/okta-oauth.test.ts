import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { startOktaSimulator, type OktaSimulator } from '../index';
import { call, makeClientKey, requestToken, signAssertion, type TestClientKey } from './helpers';

describe('Okta simulator: org authorization server (client credentials, private_key_jwt)', () => {
  let okta: OktaSimulator;
  let rsa: TestClientKey;
  let ec: TestClientKey;
  let tokenUrl: string;

  beforeAll(async () => {
    rsa = await makeClientKey('RS256');
    ec = await makeClientKey('ES256');
    okta = await startOktaSimulator({
      clients: [
        { clientId: '0oaRsaClient', publicJwk: rsa.publicJwk, grantedScopes: ['okta.users.read', 'okta.users.manage'] },
        { clientId: '0oaEcClient', publicJwk: ec.publicJwk, grantedScopes: ['okta.groups.read'] },
      ],
    });
    tokenUrl = `${okta.url}/oauth2/v1/token`;
  });
  afterAll(() => okta.close());

  test('issues a one-hour Bearer token for a valid RS256 assertion and granted scopes', async () => {
    const assertion = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa });
    const { status, body, headers } = await requestToken(okta.url, assertion, 'okta.users.read okta.users.manage');
    expect(status).toBe(200);
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: expect.any(String),
      scope: 'okta.users.read okta.users.manage',
    });
    expect(headers.get('x-okta-request-id')).toMatch(/^[\w-]{20,}$/);
    expect(headers.get('x-rate-limit-limit')).toBe('600');
    const me = await call(okta.url, 'GET', '/api/v1/users', { token: String(body.access_token) });
    expect(me.status).toBe(200);
  });

  test('accepts ES256 assertions from an EC key', async () => {
    const assertion = await signAssertion({ clientId: '0oaEcClient', audience: tokenUrl, key: ec });
    const { status } = await requestToken(okta.url, assertion, 'okta.groups.read');
    expect(status).toBe(200);
  });

  test('fails with 401 invalid_client when the assertion is signed with another key', async () => {
    const other = await makeClientKey('RS256');
    const assertion = await signAssertion({
      clientId: '0oaRsaClient',
      audience: tokenUrl,
      key: { ...other, kid: rsa.kid },
    });
    const { status, body } = await requestToken(okta.url, assertion, 'okta.users.read');
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(body.error_description).toMatch(/signature/);
  });

  test('fails with 401 invalid_client when aud is not the token endpoint', async () => {
    const assertion = await signAssertion({ clientId: '0oaRsaClient', audience: `${okta.url}/oauth2/default/v1/token`, key: rsa });
    const { status, body } = await requestToken(okta.url, assertion, 'okta.users.read');
    expect(status).toBe(401);
    expect(body.error_description).toContain(tokenUrl);
  });

  test('fails with 401 invalid_client when the assertion has expired or expires more than an hour ahead', async () => {
    const expired = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa, expiresIn: -120 });
    const tooLong = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa, expiresIn: 7200 });
    const a = await requestToken(okta.url, expired, 'okta.users.read');
    const b = await requestToken(okta.url, tooLong, 'okta.users.read');
    expect([a.status, a.body.error]).toEqual([401, 'invalid_client']);
    expect(a.body.error_description).toMatch(/expired/);
    expect([b.status, b.body.error]).toEqual([401, 'invalid_client']);
    expect(b.body.error_description).toMatch(/at most one hour/);
  });

  test('fails with 401 invalid_client when iss is not the client id', async () => {
    const assertion = await signAssertion({ clientId: '0oaRsaClient', issuer: 'someone-else', audience: tokenUrl, key: rsa });
    const { status, body } = await requestToken(okta.url, assertion, 'okta.users.read');
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  test('refuses a replayed jti', async () => {
    const jti = randomUUID();
    const first = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa, jti });
    const second = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa, jti });
    expect((await requestToken(okta.url, first, 'okta.users.read')).status).toBe(200);
    const replay = await requestToken(okta.url, second, 'okta.users.read');
    expect(replay.status).toBe(401);
    expect(replay.body.error_description).toMatch(/already used/);
  });

  test('fails with 400 invalid_scope for a scope the app was not granted, or no scope', async () => {
    const a = await requestToken(
      okta.url,
      await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa }),
      'okta.users.read okta.groups.manage',
    );
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ error: 'invalid_scope', error_description: expect.stringContaining('okta.groups.manage') });
    const b = await requestToken(okta.url, await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa }), '');
    expect([b.status, b.body.error]).toEqual([400, 'invalid_scope']);
  });

  test('fails with 401 invalid_client for an unknown client', async () => {
    const assertion = await signAssertion({ clientId: '0oaNobody', audience: tokenUrl, key: rsa });
    const { status, body } = await requestToken(okta.url, assertion, 'okta.users.read');
    expect([status, body.error]).toEqual([401, 'invalid_client']);
  });

  test('answers 401 E0000011 without a token or with an unknown or expired one', async () => {
    const none = await call(okta.url, 'GET', '/api/v1/users');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
    const unknown = await call(okta.url, 'GET', '/api/v1/users', { token: 'not-a-token' });
    expect(unknown.body.errorCode).toBe('E0000011');
    const assertion = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa });
    const { body } = await requestToken(okta.url, assertion, 'okta.users.read');
    okta.expireAccessTokens();
    const expired = await call(okta.url, 'GET', '/api/v1/users', { token: String(body.access_token) });
    expect(expired.status).toBe(401);
  });

  test('answers 403 E0000006 with an insufficient_scope challenge when the token lacks the scope', async () => {
    const assertion = await signAssertion({ clientId: '0oaEcClient', audience: tokenUrl, key: ec });
    const { body } = await requestToken(okta.url, assertion, 'okta.groups.read');
    const res = await call(okta.url, 'GET', '/api/v1/users', { token: String(body.access_token) });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' });
    expect(res.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    expect(res.headers.get('www-authenticate')).toContain('scope="okta.users.read"');
  });

  test('lets okta.users.manage satisfy okta.users.read', async () => {
    const assertion = await signAssertion({ clientId: '0oaRsaClient', audience: tokenUrl, key: rsa });
    const { body } = await requestToken(okta.url, assertion, 'okta.users.manage');
    expect((await call(okta.url, 'GET', '/api/v1/users', { token: String(body.access_token) })).status).toBe(200);
  });

  test('refuses SSWS tokens unless one is configured', async () => {
    const res = await call(okta.url, 'GET', '/api/v1/users', { headers: { Authorization: 'SSWS anything' } });
    expect(res.status).toBe(401);
    const withToken = await startOktaSimulator({ apiToken: 'ssws-test-token' });
    try {
      const ok = await call(withToken.url, 'GET', '/api/v1/users', { headers: { Authorization: 'SSWS ssws-test-token' } });
      expect(ok.status).toBe(200);
    } finally {
      await withToken.close();
    }
  });
});

describe('Okta simulator: DPoP-required service app', () => {
  test('runs the use_dpop_nonce handshake, binds the token, and requires a proof per API call', async () => {
    const key = await makeClientKey('RS256');
    const okta = await startOktaSimulator({
      clients: [{ clientId: '0oaDpop', publicJwk: key.publicJwk, grantedScopes: ['okta.users.read'], requireDpop: true }],
    });
    try {
      const tokenUrl = `${okta.url}/oauth2/v1/token`;
      const dpopKeys = await generateKeyPair('ES256');
      const jwk = await exportJWK(dpopKeys.publicKey);
      const proof = (htm: string, htu: string, extra: Record<string, unknown> = {}): Promise<string> =>
        new SignJWT({ htm, htu, ...extra })
          .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
          .setIssuedAt()
          .setJti(randomUUID())
          .sign(dpopKeys.privateKey);

      const missing = await requestToken(okta.url, await signAssertion({ clientId: '0oaDpop', audience: tokenUrl, key }), 'okta.users.read');
      expect([missing.status, missing.body.error]).toEqual([400, 'invalid_dpop_proof']);

      const first = await requestToken(okta.url, await signAssertion({ clientId: '0oaDpop', audience: tokenUrl, key }), 'okta.users.read', {
        DPoP: await proof('POST', tokenUrl),
      });
      expect([first.status, first.body.error]).toEqual([400, 'use_dpop_nonce']);
      const nonce = first.headers.get('dpop-nonce');
      expect(nonce).toBeTruthy();

      const second = await requestToken(okta.url, await signAssertion({ clientId: '0oaDpop', audience: tokenUrl, key }), 'okta.users.read', {
        DPoP: await proof('POST', tokenUrl, { nonce }),
      });
      expect(second.status).toBe(200);
      expect(second.body.token_type).toBe('DPoP');
      const token = String(second.body.access_token);

      const asBearer = await call(okta.url, 'GET', '/api/v1/users', { token });
      expect(asBearer.status).toBe(401);
      const ath = createHash('sha256').update(token).digest('base64url');
      const ok = await call(okta.url, 'GET', '/api/v1/users?limit=5', {
        headers: { Authorization: `DPoP ${token}`, DPoP: await proof('GET', `${okta.url}/api/v1/users`, { ath }) },
      });
      expect(ok.status).toBe(200);
      const otherKey = await generateKeyPair('ES256');
      const wrongKeyProof = await new SignJWT({ htm: 'GET', htu: `${okta.url}/api/v1/users`, ath })
        .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(otherKey.publicKey) })
        .setIssuedAt()
        .setJti(randomUUID())
        .sign(otherKey.privateKey);
      const stolen = await call(okta.url, 'GET', '/api/v1/users', { headers: { Authorization: `DPoP ${token}`, DPoP: wrongKeyProof } });
      expect(stolen.status).toBe(401);
      expect(stolen.headers.get('www-authenticate')).toMatch(/^DPoP /);
    } finally {
      await okta.close();
    }
  });
});
