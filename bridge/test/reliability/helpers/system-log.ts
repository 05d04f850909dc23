import type { OktaSimulator } from '../../../../simulators';

/**
 * How many times each state-changing action was applied to one user, counted from the Okta simulator's System Log
 * (successful events whose targets include the user): the evidence that no action was applied twice.
 */
export function actionCounts(okta: OktaSimulator, login: string): Record<string, number> {
  const user = okta.getUser(login) as { id: string } | undefined;
  if (!user) {
    return {};
  }
  const counts: Record<string, number> = {};
  for (const event of okta.logEvents()) {
    if (event.outcome.result === 'SUCCESS' && event.target.some((t) => t.id === user.id)) {
      counts[event.eventType] = (counts[event.eventType] ?? 0) + 1;
    }
  }
  return counts;
}
