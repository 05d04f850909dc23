import type { GovernanceFit } from './fit-governance';
import type { IdentityFit } from './fit-identity';
import type { Findings } from './report';

/** A comment to write above the node at `path` of the environment file. */
export interface Note {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

export interface AssembleInput {
  readonly name: string;
  /** The base environment file as plain data (defaults left out as its author left them). */
  readonly base: Record<string, any>;
  readonly baseName: string;
  readonly identity: IdentityFit;
  readonly governance: GovernanceFit;
  readonly publicKeys?: Record<string, string>[];
  readonly servicenowItem?: {
    readonly name: string;
    readonly shortDescription: string;
    readonly description?: string;
    readonly categoryTitle?: string;
    readonly source: string;
  };
  readonly sources: { readonly okta: string; readonly servicenow?: string; readonly opa?: string };
}

/** Sections no API tells: taken from the base file as they are. */
const FROM_BASE = ['okta', 'aws', 'backend', 'tags', 'jml', 'bridge'] as const;

/**
 * The adopted environment as plain data plus where each part came from. Discovered parts replace the base's;
 * sections the APIs cannot tell (AWS account, backend, bridge sizing, executor) come from the base file unchanged.
 */
export function assembleEnvironment(input: AssembleInput, findings: Findings): { raw: Record<string, any>; notes: Note[] } {
  const { base, identity } = input;
  const notes: Note[] = [];
  const raw: Record<string, any> = { name: input.name };
  if (base.description !== undefined) raw.description = base.description;
  for (const section of FROM_BASE) {
    if (base[section] === undefined) continue;
    raw[section] = base[section];
    notes.push({ path: [section], text: ` From ${input.baseName}.yaml: not readable from the APIs; check it.` });
  }
  raw.identity = {
    ...base.identity,
    departments: identity.departments.map((e) => e.raw),
    roles: identity.roles.map((e) => e.raw),
    serverAccessGroups: identity.serverAccessGroups.map((e) => e.raw),
    serviceApp: { ...base.identity?.serviceApp, ...(input.publicKeys ? { publicKeys: input.publicKeys } : {}) },
  };
  if (identity.roles.length === 0) delete raw.identity.roles;
  if (identity.serverAccessGroups.length === 0) delete raw.identity.serverAccessGroups;
  notes.push({ path: ['identity'], text: ` Adopted from ${input.sources.okta}: groups, rules and Privileged Access assignments.` });
  const noteEach = (list: string, entries: IdentityFit['departments']) =>
    entries.forEach((entry, index) => notes.push({ path: ['identity', list, index], text: ` ${entry.source}` }));
  noteEach('departments', identity.departments);
  noteEach('roles', identity.roles);
  noteEach('serverAccessGroups', identity.serverAccessGroups);
  if (input.publicKeys)
    notes.push({ path: ['identity', 'serviceApp'], text: ` Public keys read from the Okta service app "${base.identity?.serviceApp?.label}".` });

  if (input.governance.raw) {
    raw.governance = input.governance.raw;
    notes.push({ path: ['governance'], text: ` Request conditions of the Privileged Access app, in priority order (${input.sources.okta}).` });
    (input.governance.raw.conditions as { key: string }[]).forEach((condition, index) =>
      notes.push({ path: ['governance', 'conditions', index], text: ` ${input.governance.sources.get(condition.key)}` }),
    );
  } else if (base.governance) {
    findings.add(
      'not-managed',
      `governance section of ${input.baseName}.yaml`,
      'the Privileged Access app has no adoptable request condition, so the section is left out',
    );
  }

  if (base.servicenow) {
    raw.servicenow = structuredClone(base.servicenow);
    const item = input.servicenowItem;
    if (item) {
      raw.servicenow.catalogItem = { ...raw.servicenow.catalogItem, name: item.name, shortDescription: item.shortDescription };
      if (item.description !== undefined) raw.servicenow.catalogItem.description = item.description;
      if (item.categoryTitle !== undefined) raw.servicenow.category = { ...raw.servicenow.category, title: item.categoryTitle };
      notes.push({ path: ['servicenow'], text: ` ${item.source}; roles and integration from ${input.baseName}.yaml.` });
    } else {
      notes.push({
        path: ['servicenow'],
        text: ` From ${input.baseName}.yaml: the catalog item was not found${input.sources.servicenow ? ` in ${input.sources.servicenow}` : ' (ServiceNow not read)'}.`,
      });
    }
  }

  if (base.privilegedAccess) {
    const accessKeys = new Set(identity.serverAccessGroups.map((e) => e.raw.key as string));
    const named = (base.privilegedAccess.resourceGroups ?? []).flatMap((g: any) => [
      ...(g.delegatedAdmins ?? []),
      ...(g.policies ?? []).flatMap((p: any) => p.principals ?? []),
    ]);
    const unknown = [...new Set<string>(named)].filter((key) => !accessKeys.has(key));
    if (unknown.length > 0) {
      findings.add(
        'not-managed',
        `privilegedAccess section of ${input.baseName}.yaml`,
        `names server-access groups ${unknown.join(', ')} that were not adopted from Okta; the section is left out until they exist`,
      );
    } else {
      raw.privilegedAccess = base.privilegedAccess;
      notes.push({
        path: ['privilegedAccess'],
        text: ` From ${input.baseName}.yaml; its resource groups, projects and policies are imported by name${input.sources.opa ? ` from ${input.sources.opa}` : ' (OPA not read)'}.`,
      });
    }
  }
  return { raw, notes };
}
