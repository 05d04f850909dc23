import type { EnvironmentConfig } from '../../config/schema';
import type { OpaInventory } from './inventory';
import type { Findings } from './report';

/**
 * The OPA team against the `privilegedAccess` section (taken from the base): resource groups, projects and
 * policies the section does not declare stay outside Terraform and are reported; what it declares and the team
 * lacks is new (the import plan lists it).
 */
export function checkOpaTeam(opa: OpaInventory, config: EnvironmentConfig, findings: Findings): void {
  const pam = config.privilegedAccess;
  if (!pam) return;
  const prefix = config.identity.groupPrefix;
  const declared = new Map(pam.resourceGroups.map((group) => [`${prefix}-${group.key}`, group]));
  const policies = new Set(pam.resourceGroups.flatMap((group) => group.policies.map((policy) => `${prefix}-${group.key}-${policy.key}`)));
  for (const group of opa.resourceGroups) {
    const config = declared.get(group.name);
    if (!config) {
      findings.add('not-managed', `OPA resource group "${group.name}" (${group.id})`, 'privilegedAccess declares no resource group of this name; left alone');
      continue;
    }
    const projects = new Set(config.projects.map((project) => project.key));
    for (const project of group.projects.filter((p) => !projects.has(p.name))) {
      findings.add('not-managed', `OPA project "${group.name}/${project.name}" (${project.id})`, 'not declared in privilegedAccess; left alone');
    }
  }
  for (const policy of opa.policies.filter((p) => !policies.has(p.name))) {
    findings.add('not-managed', `OPA security policy "${policy.name}" (${policy.id})`, 'not declared in privilegedAccess; left alone (it still grants what it grants)');
  }
}
