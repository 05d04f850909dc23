/**
 * The resource actions of a saved plan (`terraform show -json <plan>`), as `<action> <address>` with one action
 * per managed resource: create, update, delete, replace; no-ops and data-source reads are left out.
 */
export interface PlannedAction {
  readonly address: string;
  readonly action: 'create' | 'update' | 'delete' | 'replace';
}

interface PlanJson {
  resource_changes?: { address: string; mode: string; change: { actions: string[] } }[];
}

export function plannedActions(planJson: string): PlannedAction[] {
  const plan = JSON.parse(planJson) as PlanJson;
  const actions: PlannedAction[] = [];
  for (const change of plan.resource_changes ?? []) {
    if (change.mode !== 'managed') continue;
    const list = change.change.actions;
    if (list.length === 1 && (list[0] === 'no-op' || list[0] === 'read')) continue;
    const action = list.length === 2 ? 'replace' : (list[0] as PlannedAction['action']);
    actions.push({ address: change.address, action });
  }
  return actions.sort((a, b) => a.address.localeCompare(b.address));
}

export function formatActions(actions: readonly PlannedAction[]): string {
  return actions.length === 0 ? '(no change)' : actions.map((a) => `${a.action.padEnd(7)} ${a.address}`).join('\n');
}
