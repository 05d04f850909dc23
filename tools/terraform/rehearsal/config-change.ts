import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ENVIRONMENTS_DIR } from '../../../config/load';

/**
 * The config change the rehearsal plans after the first deploy: a department added, and a server-access group
 * removed together with what grants it (its governance request condition and its OPA policy), which is what a
 * platform engineer has to do for config validation to accept the removal.
 */
export const ADDED_DEPARTMENT = { key: 'support', value: 'Customer Support' };
export const REMOVED_SERVER_ACCESS_GROUP = 'eng-linux-prod';

/** Copies config/environments to `dir` unchanged (the first deploy) and returns the directory. */
export function copyEnvironments(dir: string): string {
  cpSync(ENVIRONMENTS_DIR, dir, { recursive: true });
  return dir;
}

export function applyConfigChange(dir: string, environment = 'example'): void {
  const file = join(dir, `${environment}.yaml`);
  const document = parseDocument(readFileSync(file, 'utf8'));
  const config = document.toJS() as any;
  config.identity.departments.push(ADDED_DEPARTMENT);
  const group = REMOVED_SERVER_ACCESS_GROUP;
  config.identity.serverAccessGroups = config.identity.serverAccessGroups.filter((g: { key: string }) => g.key !== group);
  if (config.governance) {
    config.governance.conditions = config.governance.conditions.filter((c: { accessScope: string[] }) => !c.accessScope.includes(group));
  }
  for (const resourceGroup of config.privilegedAccess?.resourceGroups ?? []) {
    resourceGroup.policies = (resourceGroup.policies ?? []).filter((p: { principals: string[] }) => !p.principals.includes(group));
    resourceGroup.delegatedAdmins = (resourceGroup.delegatedAdmins ?? []).filter((g: string) => g !== group);
  }
  writeFileSync(file, JSON.stringify(config, null, 2));
}
