import { DEFAULT_RETRY_POLICY } from '../../bridge/src/adapters/okta/retry-policy';
import { optionsFrom } from '../../tools/adopt/cli';
import { pacedFetch } from '../../tools/adopt/paced-fetch';

/** A fetch answering from a script of responses, recording what was asked. */
function scripted(answers: (() => Response)[]) {
  const asked: string[] = [];
  const fetchImpl = (async (url: string | URL) => {
    asked.push(String(url));
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    return next();
  }) as typeof fetch;
  return { fetchImpl, asked };
}

const nowSeconds = () => Math.ceil(Date.now() / 1000);
const limited = (remaining: number, resetIn = 30) =>
  new Response('[]', {
    status: 200,
    headers: { 'X-Rate-Limit-Limit': '10', 'X-Rate-Limit-Remaining': String(remaining), 'X-Rate-Limit-Reset': String(nowSeconds() + resetIn) },
  });

describe('pacedFetch', () => {
  test('waits for the window to reset instead of spending the reserve the bridge keeps (10 % of the bucket)', async () => {
    const { fetchImpl } = scripted([() => limited(1), () => limited(9)]);
    const slept: number[] = [];
    const paced = pacedFetch({ api: 'okta', fetchImpl, sleep: async (ms) => void slept.push(ms) });
    await paced.fetch('https://acme.okta.com/api/v1/groups');
    await paced.fetch('https://acme.okta.com/api/v1/groups?after=x');
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(25_000);
    expect(paced.stats).toEqual({ calls: 2, rateLimited: 0, waitedMs: slept[0] });
  });

  test('a 429 waits for Retry-After (ServiceNow) or X-RateLimit-Retry-At (OPA) and is retried, at most three times', async () => {
    const tooMany = (headers: Record<string, string>) => () => new Response('{}', { status: 429, headers });
    const { fetchImpl, asked } = scripted([
      tooMany({ 'Retry-After': '2' }),
      tooMany({ 'X-RateLimit-Retry-At': String(nowSeconds() + 3) }),
      () => new Response('[]'),
    ]);
    const slept: number[] = [];
    const paced = pacedFetch({ api: 'servicenow', fetchImpl, sleep: async (ms) => void slept.push(ms) });
    expect((await paced.fetch('https://acme.service-now.com/api/now/table/sc_cat_item')).status).toBe(200);
    expect(asked).toHaveLength(3);
    expect(slept[0]).toBe(2000 + DEFAULT_RETRY_POLICY.resetPaddingMs);
    expect(paced.stats.rateLimited).toBe(2);
    const stormy = scripted(Array.from({ length: 5 }, () => tooMany({ 'Retry-After': '1' })));
    const gives = pacedFetch({ api: 'opa', fetchImpl: stormy.fetchImpl, sleep: async () => undefined });
    expect((await gives.fetch('https://acme.pam.okta.com/v1/teams/t/resource_groups')).status).toBe(429);
    expect(stormy.asked).toHaveLength(DEFAULT_RETRY_POLICY.maxRateLimitWaits + 1);
  });

  test('a GET that fails at the network level is retried; other methods are not', async () => {
    const reset = () => {
      throw new TypeError('fetch failed');
    };
    const get = scripted([reset, () => new Response('[]')]);
    expect(
      (await pacedFetch({ api: 'okta', fetchImpl: get.fetchImpl, sleep: async () => undefined }).fetch('https://acme.okta.com/api/v1/groups')).status,
    ).toBe(200);
    const post = scripted([reset]);
    await expect(
      pacedFetch({ api: 'okta', fetchImpl: post.fetchImpl, sleep: async () => undefined }).fetch('https://acme.okta.com/oauth2/v1/token', { method: 'POST' }),
    ).rejects.toThrow('fetch failed');
  });
});

describe('env:adopt options', () => {
  test('names every missing credential and the read scopes the Okta app needs', () => {
    expect(() => optionsFrom(['--to', 'acme', '--base', 'example'], {})).toThrow(
      /OKTA_ORG_URL, OKTA_API_CLIENT_ID, OKTA_API_PRIVATE_KEY must be set[\s\S]*okta\.groups\.read/,
    );
    expect(() => optionsFrom(['--to', 'acme'], {})).toThrow(/usage: npm run env:adopt -- --to <new environment> --base <environment>/);
  });

  test('ServiceNow and OPA are read only when all three of their variables are set; secrets come only from the environment', () => {
    const env = {
      OKTA_ORG_URL: 'https://acme.okta.com',
      OKTA_API_CLIENT_ID: '0oa1',
      OKTA_API_PRIVATE_KEY: 'pem',
      SERVICENOW_URL: 'https://acme.service-now.com',
      SERVICENOW_USERNAME: 'svc',
    };
    const options = optionsFrom(['--to=acme', '--base=example'], env);
    expect(options).toMatchObject({
      to: 'acme',
      base: 'example',
      okta: { url: 'https://acme.okta.com', clientId: '0oa1', privateKey: 'pem' },
      servicenow: undefined,
      opa: undefined,
    });
  });
});
