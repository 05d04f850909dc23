import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { importsPath, type AdoptedImportsFile } from '../../constructs/adopted-imports';
import { ENVIRONMENTS_DIR, parseEnvironment } from '../../config/load';
import { GENERATED_NOTE, lookupsPath, serializeLookups } from '../../config/oig-lookups';
import { assembleEnvironment } from './assemble';
import { checkServiceAppAndHook, publicKeysOf } from './fit-platform';
import { fitGovernance } from './fit-governance';
import { fitIdentity } from './fit-identity';
import { checkOpaTeam } from './fit-opa';
import { checkCatalogChoices } from './fit-servicenow';
import { planImports, type PlannedResource } from './import-plan';
import type { OpaInventory } from './inventory';
import { readOkta } from './okta-read';
import { readOpa } from './opa-read';
import { pacedFetch, type CallStats } from './paced-fetch';
import { Findings } from './report';
import { adoptionReport } from './report-markdown';
import { ServiceNowReader } from './servicenow-read';
import { environmentYaml } from './write-yaml';

/** Where each API is and the read-only credentials it takes; every secret comes from the process environment. */
export interface AdoptOptions {
  /** Name of the new environment (`<to>.yaml`). */
  readonly to: string;
  /** Environment whose file supplies what no API tells (AWS, backend, bridge, executor, OPA settings). */
  readonly base: string;
  /** Where the base is read and the outputs are written. @default config/environments */
  readonly environmentsDir?: string;
  /** Replace existing output files. @default false */
  readonly force?: boolean;
  readonly okta: { readonly url: string; readonly clientId: string; readonly privateKey: string; readonly keyId?: string };
  readonly servicenow?: { readonly url: string; readonly username: string; readonly password: string };
  readonly opa?: { readonly url: string; readonly key: string; readonly secret: string };
  /** Progress lines for long runs (stderr in the CLI). */
  readonly progress?: (line: string) => void;
  readonly fetchImpl?: typeof fetch;
}

export interface AdoptResult {
  readonly files: { readonly environment: string; readonly imports: string; readonly report: string; readonly lookups?: string };
  readonly planned: readonly PlannedResource[];
  readonly findings: Findings;
  /** API calls answered per API (what adoption spent against each rate limit). */
  readonly calls: Readonly<Record<string, CallStats>>;
  readonly elapsedMs: number;
}

/**
 * `npm run env:adopt`: reads the org (Okta, then ServiceNow and OPA when their credentials are set), writes
 * `<to>.yaml` for what fits the project's model, `<to>.imports.json` with the import id of every existing object
 * the stacks declare, `<to>.lookups.json` (approval sequences) and `<to>.adoption.md`, the report of what does not fit.
 */
export async function adopt(options: AdoptOptions): Promise<AdoptResult> {
  const started = Date.now();
  const dir = options.environmentsDir ?? ENVIRONMENTS_DIR;
  const progress = options.progress ?? (() => undefined);
  const outputs = {
    environment: path.join(dir, `${options.to}.yaml`),
    imports: importsPath(options.to, dir),
    report: path.join(dir, `${options.to}.adoption.md`),
    lookups: lookupsPath(options.to, dir),
  };
  if (!options.force) {
    const existing = Object.values(outputs).filter((file) => fs.existsSync(file));
    if (existing.length > 0) throw new Error(`${existing.join(', ')} already exist(s); choose another --to, or pass --force to replace them`);
  }
  const baseFile = path.join(dir, `${options.base}.yaml`);
  if (!fs.existsSync(baseFile))
    throw new Error(
      `--base ${options.base}: ${baseFile} does not exist; name an environment whose AWS, backend and bridge sections the adopted one should start from`,
    );
  const base = parse(fs.readFileSync(baseFile, 'utf8')) as Record<string, any>;
  const baseConfig = parseEnvironment(fs.readFileSync(baseFile, 'utf8'), baseFile);

  let lastProgress = 0;
  const onCall = (api: string, method: string, pathname: string, stats: CallStats) => {
    if (Date.now() - lastProgress < 1000 && stats.calls % 50 !== 0) return;
    lastProgress = Date.now();
    progress(`${api}: ${stats.calls} calls (${stats.rateLimited} rate-limited), last ${method} ${pathname}`);
  };
  const okta = pacedFetch({ api: 'okta', onCall, fetchImpl: options.fetchImpl });
  const oktaInventory = await readOkta({
    orgUrl: options.okta.url,
    clientId: options.okta.clientId,
    privateKey: options.okta.privateKey,
    keyId: options.okta.keyId,
    fetchImpl: okta.fetch,
    privilegedAccessAppLabel: baseConfig.identity.privilegedAccessAppLabel,
    serviceAppLabel: baseConfig.identity.serviceApp.label,
    progress,
  });
  const calls: Record<string, CallStats> = { okta: okta.stats };

  const findings = new Findings();
  if (!oktaInventory.privilegedAccessApp) {
    findings.add(
      'not-managed',
      `app "${baseConfig.identity.privilegedAccessAppLabel}"`,
      'no single active app has this label, so no group is adopted as a server-access group; fix identity.privilegedAccessAppLabel in the base and adopt again',
    );
  }
  const prefix = baseConfig.identity.groupPrefix;
  const identity = fitIdentity(oktaInventory, prefix, findings);
  const governance = fitGovernance(oktaInventory, identity, prefix, baseConfig.governance?.accessDurationCeiling, findings);
  checkServiceAppAndHook(oktaInventory, options.to, baseConfig.jml.executor === 'workflows', findings);

  let servicenow: ServiceNowReader | undefined;
  let servicenowItem: Parameters<typeof assembleEnvironment>[0]['servicenowItem'];
  let servicenowItemId: string | undefined;
  if (options.servicenow && baseConfig.servicenow) {
    const sn = pacedFetch({ api: 'servicenow', onCall, fetchImpl: options.fetchImpl });
    calls.servicenow = sn.stats;
    servicenow = new ServiceNowReader({ ...options.servicenow, fetchImpl: sn.fetch });
    const itemName = baseConfig.servicenow.catalogItem.name;
    const items = await servicenow.query('sc_cat_item', `name=${itemName}`);
    if (items.length === 1) {
      const item = items[0]!;
      servicenowItemId = item.sys_id;
      const category = item.category ? (await servicenow.query('sc_category', `sys_id=${item.category}`))[0] : undefined;
      const defaultDescription =
        'Once approved, the request is signed and sent to the JML bridge, which applies it in Okta and writes the outcome back to this request as work notes.';
      servicenowItem = {
        name: item.name as string,
        shortDescription: item.short_description as string,
        description: item.description && item.description !== defaultDescription ? item.description : undefined,
        categoryTitle: category?.title,
        source: `Catalog item "${item.name}" (${item.sys_id}) of ${options.servicenow.url}`,
      };
    } else {
      findings.add(
        'not-managed',
        `catalog item "${itemName}"`,
        `${items.length} catalog items have this name; the first apply creates the project's item (and adoption imports nothing of it)`,
      );
    }
  }

  let opa: OpaInventory | undefined;
  if (options.opa && baseConfig.privilegedAccess) {
    const opaFetch = pacedFetch({ api: 'opa', onCall, fetchImpl: options.fetchImpl });
    calls.opa = opaFetch.stats;
    opa = await readOpa({
      apiHost: options.opa.url,
      team: baseConfig.privilegedAccess.team,
      key: options.opa.key,
      secret: options.opa.secret,
      fetchImpl: opaFetch.fetch,
    });
    progress(`opa: ${opa.resourceGroups.length} resource groups, ${opa.policies.length} security policies`);
  }

  const { raw, notes } = assembleEnvironment(
    {
      name: options.to,
      base,
      baseName: options.base,
      identity,
      governance,
      publicKeys: publicKeysOf(oktaInventory),
      servicenowItem,
      sources: { okta: options.okta.url, servicenow: options.servicenow?.url, opa: options.opa?.url },
    },
    findings,
  );
  const header = [
    ' yaml-language-server: $schema=../environment.schema.json',
    '',
    ` Adopted by \`npm run env:adopt -- --to ${options.to} --base ${options.base}\` from ${options.okta.url}.`,
    ` What did not fit is in ${options.to}.adoption.md; import ids are in ${options.to}.imports.json.`,
  ].join('\n');
  const yamlText = environmentYaml(raw, notes, header);
  const config = parseEnvironment(yamlText, outputs.environment);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(outputs.environment, yamlText);
  let lookupsFile: string | undefined;
  if (config.governance && oktaInventory.privilegedAccessApp) {
    const pa = oktaInventory.privilegedAccessApp;
    fs.writeFileSync(
      outputs.lookups,
      serializeLookups({
        _generated: GENERATED_NOTE,
        environment: options.to,
        privilegedAccessApp: { label: pa.label, id: pa.id },
        approvalSequences: governance.approvalSequences,
      }),
    );
    lookupsFile = outputs.lookups;
  }

  if (servicenow && servicenowItemId) await checkCatalogChoices(servicenow, servicenowItemId, config, findings);
  if (opa) checkOpaTeam(opa, config, findings);
  progress('planning imports: declaring the adopted stacks');
  const planned = await planImports(config, dir, { okta: oktaInventory, identity, governance, servicenow, opa });
  const imports = Object.fromEntries(
    planned
      .filter((p) => p.action === 'import')
      .map((p) => [p.key, p.importId as string])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const importsFile: AdoptedImportsFile = {
    _generated: `GENERATED by npm run env:adopt from ${options.okta.url}; re-run it rather than editing.`,
    environment: options.to,
    imports,
  };
  fs.writeFileSync(outputs.imports, `${JSON.stringify(importsFile, null, 2)}\n`);
  const elapsedMs = Date.now() - started;
  fs.writeFileSync(outputs.report, adoptionReport({ environment: options.to, planned, findings, calls, elapsedMs }));
  return {
    files: { environment: outputs.environment, imports: outputs.imports, report: outputs.report, lookups: lookupsFile },
    planned,
    findings,
    calls,
    elapsedMs,
  };
}
