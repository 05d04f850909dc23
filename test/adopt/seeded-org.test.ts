import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { IMPORTS_DIR_CONTEXT } from '../../constructs/adopted-imports';
import { loadEnvironment } from '../../config/load';
import type { EnvironmentConfig } from '../../config/schema';
import { declareEnvironment } from '../../stacks/environment-stacks';
import type { AdoptResult } from '../../tools/adopt/adopt';
import { synthJson, type SynthJson } from '../helpers/synth';
import { runAdoption, scratchDir, startOrg, type RunningOrg } from './harness';
import { seededOrg, type SeededOrg } from './seeded-org';

/** Adoption of an organisation that grew without the project, end to end over HTTP against the three simulators. */
describe('adopting a pre-existing organisation', () => {
  let seeded: SeededOrg;
  let org: RunningOrg;
  let dir: string;
  let result: AdoptResult;
  let adopted: EnvironmentConfig;
  let imports: Record<string, string>;
  const progress: string[] = [];

  beforeAll(async () => {
    const bridgeKey = loadEnvironment('example').identity.serviceApp.publicKeys[0] as Record<string, string>;
    seeded = seededOrg({ ...bridgeKey, kid: 'acme-bridge-1' });
    org = await startOrg(seeded.okta, seeded.servicenowTables, 'example-team');
    seeded.seedOpa(org.opa);
    dir = scratchDir('acme-base');
    result = await runAdoption(org, dir, 'acme', 'acme-base', (line) => progress.push(line));
    adopted = loadEnvironment('acme', dir);
    imports = JSON.parse(fs.readFileSync(result.files.imports, 'utf8')).imports;
  }, 180_000);
  afterAll(() => org?.close());

  const byName = (name: string) => seeded.expected.groups.get(name)!;
  const entries = () => [
    ...adopted.identity.departments.map((d) => ({ kind: 'dept', ...d })),
    ...adopted.identity.roles.map((r) => ({ kind: 'role', ...r })),
    ...adopted.identity.serverAccessGroups.map((g) => ({ kind: 'access', ...g })),
  ];
  const nameOf = (entry: { kind: string; key: string; groupName?: string }) => entry.groupName ?? `jml-${entry.kind}-${entry.key}`;

  test('adopts exactly the groups that fit, each keeping its Okta name (explicit groupName off the scheme)', () => {
    const adoptedNames = entries().map(nameOf).sort();
    expect(adoptedNames).toEqual([...seeded.expected.groups.keys()].sort());
    for (const entry of entries()) {
      const seededGroup = byName(nameOf(entry));
      expect({ name: nameOf(entry), kind: entry.kind, mapped: entry.groupName !== undefined }).toEqual({
        name: nameOf(entry),
        kind: seededGroup.kind,
        mapped: seededGroup.mapped,
      });
      if (seededGroup.key) expect(entry.key).toBe(seededGroup.key);
    }
    expect(adopted.identity.departments.find((d) => d.groupName === 'Dept: Legal "Counsel" \\ Compliance')?.value).toBe('Legal "Counsel" \\ Compliance');
    expect(adopted.identity.roles.filter((r) => r.attribute === 'costCenter').map((r) => r.value)).toEqual(['CC-1001', 'CC-2002']);
  });

  test('reports what does not fit, by kind', () => {
    const objects = (kind: string) => result.findings.of(kind as never).map((f) => f.object);
    expect(
      objects('inexpressible')
        .map((o) => /group "([^"]+)"/.exec(o)![1])
        .sort(),
    ).toEqual([...seeded.expected.inexpressible].sort());
    const unmanagedGroups = objects('not-managed').flatMap((o) => /^group "([^"]+)"/.exec(o)?.[1] ?? []);
    expect(unmanagedGroups.sort()).toEqual([...seeded.expected.unmanaged].sort());
    expect(objects('not-managed')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^request condition "Bastion for all"/), expect.stringMatching(/^event hook "SIEM export"/)]),
    );
    expect(objects('name-mapped')).toHaveLength([...seeded.expected.groups.values()].filter((g) => g.mapped).length);
    const details = (kind: string) =>
      result.findings
        .of(kind as never)
        .map((f) => f.detail)
        .join('\n');
    expect(details('narrowed')).toMatch(/scopes okta\.apps\.read are revoked/);
    expect(details('narrowed')).toMatch(/event types user\.session\.start/);
    expect(details('widened')).toMatch(/permissions okta\.users\.create are added/);
    expect(details('changed')).toMatch(/renamed to "jml-oracle-dba-access"/);
    expect(details('changed')).toMatch(/expression rewritten/);
    expect(details('changed')).toMatch(/text "Finance & Accounting" becomes "Finance"/);
    expect(details('changed')).toMatch(/periodic_rotation_duration_in_seconds 604800 becomes 43200/);
    expect(objects('not-managed')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^catalog choice jml_department="hr"/), expect.stringMatching(/^OPA resource group "legacy-ops"/)]),
    );
    const report = fs.readFileSync(result.files.report, 'utf8');
    expect(report).toMatch(/^First plan: import \d+, add \d+\. Read in [\d.]+ s with \d+ okta calls/m);
    expect(report).toMatch(/## Group rules the project cannot express \(group not adopted\) \(8\)/);
  });

  test('keeps the adoptable request conditions in priority order, with their sequences looked up by name', () => {
    expect(adopted.governance?.conditions.map((c) => [c.key, c.approvalSequence, c.durationChosenBy])).toEqual([
      ['eng-linux-sre', 'Manager then Security', 'requester'],
      ['oracle-dba-access', 'Manager then Security', 'admin'],
      ['finance-windows', 'Manager approval', 'requester'],
    ]);
    const lookups = JSON.parse(fs.readFileSync(result.files.lookups!, 'utf8'));
    expect(Object.keys(lookups.approvalSequences).sort()).toEqual(['Manager approval', 'Manager then Security']);
  });

  test('import ids: every adopted group and rule, the app assignments and the objects of the other APIs', () => {
    for (const [name, group] of seeded.expected.groups) expect(imports[`okta_group:${name}`]).toBe(group.id);
    const rules = org.okta.groupRules();
    for (const entry of [...adopted.identity.departments, ...adopted.identity.roles]) {
      const name = entry.groupName ?? nameOf({ kind: adopted.identity.departments.includes(entry as never) ? 'dept' : 'role', ...entry });
      const rule = rules.find((r) => r.groupId === byName(name).id)!;
      expect(imports[`okta_group_rule:${name}/${name}`]).toBe(rule.id);
    }
    expect(Object.keys(imports).filter((k) => k.startsWith('okta_app_group_assignment:'))).toHaveLength(6);
    expect(imports).toMatchObject(seeded.expected.imports);
  });

  test('the synthesized stacks import each adopted object by its seeded id, and never import a group adoption left out', () => {
    const app = new App({ outdir: path.join(dir, 'out'), context: { [IMPORTS_DIR_CONTEXT]: dir } });
    const stacks = declareEnvironment(app, adopted, { environmentsDir: dir });
    const identityJsons: SynthJson[] = [stacks.identity, ...stacks.identity.shards].map(synthJson);
    const blockFor = (type: string, name: string) => {
      for (const json of identityJsons) {
        const entry = Object.entries(json.resource?.[type] ?? {}).find(([, body]) => body.name === name);
        if (entry) return (json.import ?? []).find((block: { to: string }) => block.to === `${type}.${entry[0]}`);
      }
      return undefined;
    };
    for (const [name, group] of seeded.expected.groups) expect(blockFor('okta_group', name)).toEqual({ to: expect.any(String), id: group.id });
    const allIds = identityJsons.flatMap((json) => (json.import ?? []).map((block: { id: string }) => block.id));
    for (const name of [...seeded.expected.unmanaged, ...seeded.expected.inexpressible]) {
      const seededId = seeded.okta.groups!.find((g) => g.name === name)!.id!;
      expect(allIds).not.toContain(seededId);
    }
    const governance = synthJson(stacks.governance!);
    expect((governance.import ?? []).map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining([seeded.expected.imports['okta_request_condition:jml-oracle-dba-access']]),
    );
    const servicenow = synthJson(stacks.servicenow!);
    expect((servicenow.import ?? []).map((b: { id: string }) => b.id)).toEqual(
      expect.arrayContaining([seeded.expected.imports['servicenow_service_catalog_item:User lifecycle request']]),
    );
  });

  test('reads with paging and paces itself below the rate limit', () => {
    expect(result.calls.okta!.calls).toBeGreaterThan(10);
    // groups (two pages of 200) and rules share one three-call-per-second bucket, 10 % kept in reserve: the run must have waited for it.
    expect(result.calls.okta!.waitedMs).toBeGreaterThan(0);
    expect(parse(fs.readFileSync(result.files.environment, 'utf8')).identity.departments).toHaveLength(10);
    // Progress on a long run: what was read so far, calls spent, and the planning step.
    expect(progress).toEqual(expect.arrayContaining(['okta: 357 groups', 'okta: 27 group rules', 'planning imports: declaring the adopted stacks']));
    expect(progress.some((line) => /^okta: \d+ calls \(\d+ rate-limited\), last GET \//.test(line))).toBe(true);
  });
});
