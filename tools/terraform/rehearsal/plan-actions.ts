/**
 * The resource actions of a plan, read from the machine-readable UI of `terraform plan -json` (its
 * `planned_change` messages): create, update, delete, replace per managed resource; no-ops, reads and imports
 * without change are left out. Not from `terraform show -json <plan>`: Terraform 1.11.4 panics there ("unsupported
 * resource mode 69") on a plan whose ephemeral resources have postconditions, as privileged-access's OPA token has.
 */
export interface PlannedAction {
  readonly address: string;
  readonly action: 'create' | 'update' | 'delete' | 'replace';
}

interface UiMessage {
  type: string;
  change?: { action: string; resource: { addr: string; resource_type: string } };
  diagnostic?: { severity: string; summary: string; detail?: string };
}

const COUNTED = new Set(['create', 'update', 'delete', 'replace']);

export function plannedActions(planUiJson: string): PlannedAction[] {
  const actions: PlannedAction[] = [];
  for (const message of uiMessages(planUiJson)) {
    if (message.type !== 'planned_change' || !message.change || !COUNTED.has(message.change.action)) continue;
    if (message.change.resource.addr.startsWith('data.')) continue;
    actions.push({ address: message.change.resource.addr, action: message.change.action as PlannedAction['action'] });
  }
  return actions.sort((a, b) => a.address.localeCompare(b.address));
}

/** Error diagnostics of a `-json` run, as Terraform words them. */
export function errorDiagnostics(uiJson: string): string[] {
  return uiMessages(uiJson)
    .filter((message) => message.type === 'diagnostic' && message.diagnostic?.severity === 'error')
    .map((message) => `${message.diagnostic!.summary}${message.diagnostic!.detail ? `: ${message.diagnostic!.detail}` : ''}`);
}

function uiMessages(text: string): UiMessage[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as UiMessage);
}

export function formatActions(actions: readonly PlannedAction[]): string {
  return actions.length === 0 ? '(no change)' : actions.map((a) => `${a.action.padEnd(7)} ${a.address}`).join('\n');
}
