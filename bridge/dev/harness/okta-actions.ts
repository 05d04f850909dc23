import type { OktaSimulator } from '../../../simulators';

/** An Okta administrator acting in the Admin Console: what the bridge must record as `outside-bridge`. */
export const ADMIN_CONTEXT = {
  actor: { id: '00uAdmin0000000000001', type: 'User', alternateId: 'admin@example.com', displayName: 'Org Admin' },
  requestId: 'outside-request-1',
  requestUri: '/api/v1/users',
};

/** Resolves once the simulator has used up every injected fault (i.e. the slowed request is in flight). */
export async function faultsConsumed(okta: OktaSimulator, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (okta.faults.pending() > 0) {
    if (Date.now() > deadline) {
      throw new Error('the injected fault was never reached; the bridge did not make the expected call');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface SimUser {
  readonly id: string;
  readonly status: string;
  readonly profile: Record<string, string>;
}

export function simUser(okta: OktaSimulator, login: string): SimUser {
  const user = okta.getUser(login);
  if (!user) {
    throw new Error(`the Okta simulator has no user ${login}`);
  }
  return user as unknown as SimUser;
}
