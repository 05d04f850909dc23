import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

/**
 * DPoP proofs (RFC 9449) for an Okta service app that requires "Demonstrating Proof of Possession": one
 * throw-away P-256 key per client; every request gets a fresh proof bound to its method and URL, plus the access
 * token hash (`ath`) once a token is held and the server nonce when the token endpoint asks for one.
 */
export class DpopProver {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
  ) {}

  public static async create(): Promise<DpopProver> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return new DpopProver(privateKey, await exportJWK(publicKey));
  }

  /** A proof for `method url` (query and fragment dropped, as `htu` requires). */
  public async proof(method: string, url: string, options: { nonce?: string; accessToken?: string } = {}): Promise<string> {
    const target = new URL(url);
    const claims: Record<string, string> = { htm: method, htu: `${target.origin}${target.pathname}` };
    if (options.nonce) claims.nonce = options.nonce;
    if (options.accessToken) claims.ath = createHash('sha256').update(options.accessToken).digest('base64url');
    return new SignJWT(claims)
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: this.publicJwk })
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(this.privateKey);
  }
}
