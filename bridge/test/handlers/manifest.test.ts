import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ENV } from '../../src/config/env-names';
import { environmentVariablesOf, HANDLERS } from '../../src/handlers/manifest';

const ROOT = join(__dirname, '..', '..', '..');

describe('handler manifest (what the AWS stack reads)', () => {
  test.each(Object.entries(HANDLERS))('%s: the entry exists and exports handler', async (_name, manifest) => {
    expect(existsSync(join(ROOT, manifest.entry))).toBe(true);
    const module = (await import(join(ROOT, manifest.entry))) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  test('each function gets only the variables of its own sections', () => {
    const intake = environmentVariablesOf(HANDLERS.intake.sections);
    expect(intake).toEqual(expect.arrayContaining([ENV.tableName, ENV.queueUrl, ENV.managedGroups, ENV.webhookSecretArn, ENV.logLevel]));
    expect(intake).not.toContain(ENV.oktaOrgUrl);
    expect(intake).not.toContain(ENV.serviceNowCredentialsArn);
    const worker = environmentVariablesOf(HANDLERS.worker.sections);
    expect(worker).toEqual(expect.arrayContaining([ENV.oktaOrgUrl, ENV.oktaPrivateKeyArn, ENV.serviceNowCredentialsArn, ENV.workflowsFlowUrls]));
    expect(worker).not.toContain(ENV.webhookSecretArn);
    expect(environmentVariablesOf(HANDLERS.health.sections)).toEqual([ENV.logLevel]);
  });

  test('only the functions that hold secrets may read them, and only the intake and scheduler send to the queue', () => {
    const readers = Object.entries(HANDLERS).filter(([, m]) => m.readsSecrets).map(([n]) => n);
    expect(readers.sort()).toEqual(['eventHook', 'intake', 'worker']);
    const senders = Object.entries(HANDLERS).filter(([, m]) => (m.sqs as readonly string[]).includes('sqs:SendMessage')).map(([n]) => n);
    expect(senders.sort()).toEqual(['intake', 'scheduler']);
  });
});
