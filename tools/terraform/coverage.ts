import { fullyQualified, type RegisteredSnapshot } from './snapshots';
import { loadProviderSchema } from './provider/snapshot';
import type { StackJson } from './synthesize';

/**
 * Before Terraform runs: every provider a stack requires has a registered snapshot of that exact version, and the
 * snapshot holds every resource and data-source type the stack declares. Terraform would refuse either too, but
 * this names the fix (which snapshot to add or refresh).
 */
export function coverageProblems(stack: string, json: StackJson, snapshots: readonly RegisteredSnapshot[]): string[] {
  const problems: string[] = [];
  for (const [local, requirement] of Object.entries(json.terraform?.required_providers ?? {})) {
    const fqpn = fullyQualified(requirement.source);
    const snapshot = snapshots.find((s) => s.fqpn === fqpn && s.version === requirement.version);
    if (!snapshot) {
      problems.push(
        `${stack}: no schema snapshot for ${fqpn} ${requirement.version} in schemas/; add <name>-${requirement.version}.schema.json (docs/terraform-offline.md)`,
      );
      continue;
    }
    const schema = loadProviderSchema(snapshot.files, fqpn);
    const prefix = `${local}_`;
    for (const [kind, declared, served] of [
      ['resource', json.resource, schema.resource_schemas],
      ['data source', json.data, schema.data_source_schemas],
    ] as const) {
      for (const type of Object.keys(declared ?? {})) {
        if ((type === local || type.startsWith(prefix)) && !served?.[type]) {
          problems.push(
            `${stack}: ${kind} type ${type} is not in the ${fqpn} ${requirement.version} snapshot (${snapshot.files.join(', ')}); refresh it to include the type`,
          );
        }
      }
    }
  }
  return problems;
}
