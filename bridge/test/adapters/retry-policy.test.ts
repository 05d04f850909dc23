import fc from 'fast-check';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs, retryDelayMs } from '../../src/adapters/okta/retry-policy';

const headers = (values: Record<string, string>) => new Headers(values);

describe('the one retry rule of outbound HTTP (retryDelayMs)', () => {
  test('waits what Retry-After asks, in delay seconds, capped by the policy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10 }), (seconds, attempt) => {
        expect(retryDelayMs(DEFAULT_RETRY_POLICY, attempt, headers({ 'retry-after': String(seconds) }))).toBe(
          Math.min(seconds * 1000, DEFAULT_RETRY_POLICY.maxRateLimitWaitMs),
        );
      }),
    );
  });

  test('reads an HTTP-date Retry-After as the time left until then', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 01 Dec 2026 10:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 01 Dec 2026 09:59:00 GMT' }), now)).toBe(0);
  });

  test('without a readable Retry-After, backs off with full jitter inside the policy ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.constantFrom(undefined, '', 'soon', '-5', '1.5'),
        (attempt, r, header) => {
          const delay = retryDelayMs(DEFAULT_RETRY_POLICY, attempt, header === undefined ? undefined : headers({ 'retry-after': header }), () => r);
          expect(delay).toBe(backoffDelayMs(DEFAULT_RETRY_POLICY, attempt, () => r));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** attempt) + 1);
        },
      ),
    );
  });
});
