import type { ServiceUserSeed } from './model';

export interface OpaSimulatorOptions {
  /** The one team this simulator serves; other team names in paths are 404. @default example-team */
  readonly team?: string;
  /** Service users whose API keys `POST /service_token` accepts. @default [] */
  readonly serviceUsers?: readonly ServiceUserSeed[];
  /** Lifetime of issued bearer tokens. @default 3600 (assumed: OPA documents none) */
  readonly tokenTtlSeconds?: number;
  /** Requests allowed per window before 429. @default - unlimited */
  readonly rateLimit?: { readonly limit: number; readonly windowMs?: number };
  /** Discover accounts as soon as a rule or rule settings change (OPA syncs in the background). @default true */
  readonly syncOnRuleChange?: boolean;
  /** @default 0 (the OS chooses) */
  readonly port?: number;
  readonly host?: string;
}
