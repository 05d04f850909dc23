import { opaqueToken } from './ids';

/** What an access token grants. */
export interface AccessTokenGrant {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  /** JWK thumbprint of the DPoP key the token is bound to, for DPoP tokens. */
  readonly jkt?: string;
}

/** Issued access tokens. Opaque random strings: clients must not parse Okta access tokens anyway. */
export class AccessTokenStore {
  private readonly tokens = new Map<string, AccessTokenGrant>();

  issue(grant: AccessTokenGrant): string {
    const token = opaqueToken();
    this.tokens.set(token, grant);
    return token;
  }

  /** The grant of a live token, or undefined for unknown or expired tokens. */
  lookup(token: string, now = Date.now()): AccessTokenGrant | undefined {
    const grant = this.tokens.get(token);
    if (!grant) {
      return undefined;
    }
    if (grant.expiresAt <= now) {
      this.tokens.delete(token);
      return undefined;
    }
    return grant;
  }

  /** Makes every issued token invalid, as when they expire; clients must fetch new ones. */
  expireAll(): void {
    this.tokens.clear();
  }
}

/** Remembers client-assertion `jti` values until their `exp`, to refuse replays. */
export class JtiCache {
  private readonly seen = new Map<string, number>();

  /** Records a jti; returns false if it was already used and has not expired. */
  remember(key: string, expiresAtMs: number, now = Date.now()): boolean {
    for (const [k, exp] of this.seen) {
      if (exp <= now) {
        this.seen.delete(k);
      }
    }
    if (this.seen.has(key)) {
      return false;
    }
    this.seen.set(key, expiresAtMs);
    return true;
  }
}
