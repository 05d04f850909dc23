import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_RESOURCES, ENV, environmentVariablesOf, HANDLERS, SECTION_VARIABLES, type HandlerManifest, type ResourceName } from '../../contract';
import { SECTION_SCHEMAS } from '../../src/config/load';

const ROOT = join(__dirname, '..', '..', '..');
const entries = Object.entries(HANDLERS) as [string, HandlerManifest][];

describe('handler manifest (what the AWS stack builds each function from)', () => {
  test.each(entries)('%s: the entry exists and exports handler', async (_name, manifest) => {
    expect(existsSync(join(ROOT, manifest.entry))).toBe(true);
    const module = (await import(join(ROOT, manifest.entry))) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  test.each(entries)('%s: every variable it lists is one its handler reads', (_name, manifest) => {
    const reads = environmentVariablesOf(manifest.sections);
    const source = readFileSync(join(ROOT, manifest.entry), 'utf8');
    for (const variable of manifest.environment) {
      const key = Object.entries(ENV).find(([, name]) => name === variable)![0];
      // A section's variable, or one the handler reads itself (health reads BRIDGE_EXECUTOR without loading a section).
      expect(reads.includes(variable) || source.includes(`ENV.${key}`)).toBe(true);
    }
  });

  test.each(entries)('%s: a resource its code touches is named by a variable its sections read', (_name, manifest) => {
    // The queue a function is triggered by is consumed by the event source mapping, not by the function's code.
    const consumed = manifest.trigger.kind === 'sqs-fifo' ? manifest.trigger.queue : undefined;
    for (const resource of (Object.keys(manifest.access) as ResourceName[]).filter((r) => r !== consumed)) {
      const { variable } = BRIDGE_RESOURCES[resource];
      expect(environmentVariablesOf(manifest.sections)).toContain(variable);
    }
  });

  test('each function gets only the variables of its own sections', () => {
    const intake = environmentVariablesOf(HANDLERS.intake.sections);
    expect(intake).toEqual(expect.arrayContaining([ENV.tableName, ENV.queueUrl, ENV.configTable, ENV.managedGroupsDigest, ENV.webhookSecretArn, ENV.logLevel]));
    expect(intake).not.toContain(ENV.oktaOrgUrl);
    expect(intake).not.toContain(ENV.serviceNowCredentialsArn);
    const worker = environmentVariablesOf(HANDLERS.worker.sections);
    expect(worker).toEqual(expect.arrayContaining([ENV.oktaOrgUrl, ENV.oktaPrivateKeyArn, ENV.serviceNowCredentialsArn, ENV.workflowsFlowUrls]));
    expect(worker).not.toContain(ENV.webhookSecretArn);
    expect(environmentVariablesOf(HANDLERS.health.sections)).toEqual([ENV.logLevel]);
  });

  test('only the functions that hold secrets may read them, and only the intake and scheduler send to the queue', () => {
    const readsSecret = ([, m]: [string, HandlerManifest]) => Object.keys(m.access).some((r) => BRIDGE_RESOURCES[r as ResourceName].kind === 'secret');
    expect(
      entries
        .filter(readsSecret)
        .map(([n]) => n)
        .sort(),
    ).toEqual(['eventHook', 'intake', 'worker']);
    const senders = entries.filter(([, m]) => (m.access.workQueue as readonly string[] | undefined)?.includes('sqs:SendMessage')).map(([n]) => n);
    expect(senders.sort()).toEqual(['intake', 'scheduler']);
    expect(HANDLERS.intake.access.table).toEqual(['dynamodb:PutItem', 'dynamodb:GetItem']);
  });
});

describe('configuration sections (contract data vs the bridge zod schemas)', () => {
  test.each(Object.keys(SECTION_VARIABLES) as (keyof typeof SECTION_VARIABLES)[])('%s: the schema validates exactly the listed variables', (section) => {
    expect(Object.keys(SECTION_SCHEMAS[section].shape).sort()).toEqual([...SECTION_VARIABLES[section]].sort());
  });
});
