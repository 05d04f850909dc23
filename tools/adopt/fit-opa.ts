import type { EnvironmentConfig } from '../../config/schema';
import { effectivePasswords } from '../../config/schema/privileged-access';
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
    for (const declaredProject of config.projects) {
      const settings = group.projects.find((p) => p.name === declaredProject.key)?.passwordSettings;
      if (!settings) continue;
      const wanted = effectivePasswords(pam.passwords, declaredProject.passwords);
      const differences = [
        ['periodic_rotation_duration_in_seconds', wanted.rotationPeriodHours * 3600],
        ['min_length', wanted.minLength],
        ['max_length', wanted.maxLength],
      ].filter(([field, value]) => settings[field as string] !== undefined && settings[field as string] !== value);
      if (differences.length > 0) {
        const object = `password settings of OPA project "${group.name}/${declaredProject.key}"`;
        findings.add(
          'changed',
          object,
          differences.map(([field, value]) => `${field} ${String(settings[field as string])} becomes ${String(value)}`).join(', '),
        );
      }
    }
  }
  for (const policy of opa.policies.filter((p) => !policies.has(p.name))) {
    findings.add(
      'not-managed',
      `OPA security policy "${policy.name}" (${policy.id})`,
      'not declared in privilegedAccess; left alone (it still grants what it grants)',
    );
  }
}
