import type { EnvironmentInput } from '../config/schema';

/**
 * The example environment grown to a large tenant: `size` departments and as many roles and server-access groups,
 * with every other section scaled to match. Used by the synth-at-scale benchmark.
 */
export function scaleEnvironment(example: Record<string, any>, size: number): EnvironmentInput {
  const raw = structuredClone(example);
  raw.name = `scale-${size}`;
  raw.identity.departments = Array.from({ length: size }, (_, i) => ({ key: `dept-${i}`, value: `Department ${i}` }));
  raw.identity.roles = Array.from({ length: size }, (_, i) => ({ key: `role-${i}`, value: `Role ${i}` }));
  raw.identity.serverAccessGroups = Array.from({ length: size }, (_, i) => ({ key: `srv-${i}`, description: `Servers ${i}` }));
  return raw as EnvironmentInput;
}
