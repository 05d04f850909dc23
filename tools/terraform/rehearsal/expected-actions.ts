import type { StackJson } from '../synthesize';
import type { PlannedAction } from './plan-actions';

/**
 * What a plan must do, judged from the synthesized JSON before and after a change: every resource that appears
 * is created, every resource that disappears is destroyed, and only resources whose own configuration changed
 * may be updated (nothing is replaced). Anything else is churn Terraform would show a reviewer for no reason.
 */
export interface ActionCheck {
  readonly missing: string[];
  readonly unexpected: string[];
}

function resourceConfigs(json: StackJson): Map<string, string> {
  const configs = new Map<string, string>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      const { '//': _metadata, ...rest } = config as Record<string, unknown>;
      void _metadata;
      configs.set(`${type}.${name}`, JSON.stringify(rest));
    }
  }
  return configs;
}

export function checkActions(before: StackJson | undefined, after: StackJson, actions: readonly PlannedAction[]): ActionCheck {
  const old = before ? resourceConfigs(before) : new Map<string, string>();
  const now = resourceConfigs(after);
  const expectedCreates = [...now.keys()].filter((address) => !old.has(address));
  const expectedDeletes = [...old.keys()].filter((address) => !now.has(address));
  const changed = new Set([...now.keys()].filter((address) => old.has(address) && old.get(address) !== now.get(address)));
  const planned = new Map(actions.map((a) => [a.address, a.action]));
  const missing = [
    ...expectedCreates.filter((a) => planned.get(a) !== 'create').map((a) => `create ${a}`),
    ...expectedDeletes.filter((a) => planned.get(a) !== 'delete').map((a) => `delete ${a}`),
  ];
  const unexpected = actions
    .filter((a) =>
      a.action === 'create'
        ? !expectedCreates.includes(a.address)
        : a.action === 'delete'
          ? !expectedDeletes.includes(a.address)
          : a.action === 'replace' || !changed.has(a.address),
    )
    .map((a) => `${a.action} ${a.address}`);
  return { missing, unexpected };
}
