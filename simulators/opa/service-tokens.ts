import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { badRequest, unauthorized } from './errors';
import { isUuid } from './ids';
import type { OpaRole, ServiceUserSeed } from './model';

/** Who a live bearer token belongs to. */
export interface TokenGrant {
  readonly keyId: string;
  readonly serviceUser: string;
  readonly roles: readonly OpaRole[];
  readonly expiresAt: number;
}

/**
 * `POST /v1/teams/{team}/service_token`: exchanges a service user's `key_id` / `key_secret` for a bearer token (a
 * JWT) with `expires_at` and `team_name`, as the OPA docs and SDK describe. The docs give no lifetime and say a
 * token may expire at any time; `ttlSeconds` (default 3600, assumed) and `expireAll()` let tests make that happen.
 */
export class ServiceTokens {
  private readonly key = randomBytes(32);
  private readonly live = new Map<string, TokenGrant>();

  constructor(
    private readonly team: string,
    private readonly users: ReadonlyMap<string, Required<ServiceUserSeed>>,
    private readonly ttlSeconds: number,
  ) {}

  async issue(body: unknown, now = Date.now()): Promise<{ bearer_token: string; expires_at: string; team_name: string }> {
    const request = (body ?? {}) as Record<string, unknown>;
    // The docs: key_id is a UUID, key_secret 1-512 characters; both required.
    if (!isUuid(request.key_id)) throw badRequest('key_id is required and must be a UUID');
    if (typeof request.key_secret !== 'string' || request.key_secret.length < 1 || request.key_secret.length > 512) {
      throw badRequest('key_secret is required and must be 1-512 characters');
    }
    const user = this.users.get(request.key_id);
    if (!user || user.keySecret !== request.key_secret) throw unauthorized('invalid service user credentials');
    const expiresAt = now + this.ttlSeconds * 1000;
    const token = await new SignJWT({ team: this.team, roles: [...user.roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.name)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .setJti(randomBytes(12).toString('hex'))
      .sign(this.key);
    this.live.set(token, { keyId: user.keyId, serviceUser: user.name, roles: user.roles, expiresAt });
    return { bearer_token: token, expires_at: new Date(expiresAt).toISOString(), team_name: this.team };
  }

  /** The grant of `Authorization: Bearer <token>`; a missing, forged, unknown or expired token is a 401. */
  async authenticate(authorization: string | undefined, now = Date.now()): Promise<TokenGrant> {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
    if (!match) throw unauthorized('missing bearer token: send Authorization: Bearer <token from POST /service_token>');
    const token = match[1] as string;
    const grant = this.live.get(token);
    try {
      await jwtVerify(token, this.key, { currentDate: new Date(now) });
    } catch {
      this.live.delete(token);
      throw unauthorized('the bearer token is invalid or has expired; issue a new one with POST /service_token');
    }
    if (!grant || grant.expiresAt <= now) {
      this.live.delete(token);
      throw unauthorized('the bearer token is invalid or has expired; issue a new one with POST /service_token');
    }
    return grant;
  }

  /** Invalidates every issued token, as OPA may do at any time. */
  expireAll(): void {
    this.live.clear();
  }
}
