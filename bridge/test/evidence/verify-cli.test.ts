import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../src/adapters/dynamodb/client';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { buildStore } from '../../src/composition/store';
import { newThread, ThreadRecord, transition } from '../../src/domain/thread';
import { mutateThread } from '../../src/domain/thread-repository';
import { startDynalite } from '../../dev/local/dynalite';
import { jmlRequest } from '../../dev/harness/requests';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..', '..', '..');
const TABLE = 'jml-verify-cli-test';
const DAY = new Date().toISOString().slice(0, 10);

/** The two audit commands as an auditor runs them: against a table and a seal store named by the environment. */
describe('npm run bridge:verify / bridge:evidence', () => {
  let dynamo: { endpoint: string; close: () => Promise<void> };
  let sealDir: string;
  let out: string;
  let thread: ThreadRecord;
  const env = () => ({ ...process.env, BRIDGE_TABLE_NAME: TABLE, AWS_REGION: 'local', DYNAMODB_ENDPOINT: dynamo.endpoint, BRIDGE_SEAL_DIR: sealDir });
  const cli = (script: string, args: string[]) =>
    run(process.execPath, ['-r', join(ROOT, 'scripts/register-swc.js'), join(ROOT, 'bridge/src/cli', script), ...args], { cwd: ROOT, env: env() }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  beforeAll(async () => {
    dynamo = await startDynalite(TABLE);
    sealDir = mkdtempSync(join(tmpdir(), 'seals-cli-'));
    out = mkdtempSync(join(tmpdir(), 'evidence-cli-'));
    const store = buildStore({ tableName: TABLE, region: 'local', endpoint: dynamo.endpoint, seal: { dir: sealDir } }, new JsonLogger('silent'));
    const request = jmlRequest('joiner');
    const now = () => new Date().toISOString();
    thread = newThread({
      threadKey: `msg_cli#${request.requestNumber}`,
      correlationId: 'c-cli',
      webhookId: 'msg_cli',
      bodyHash: 'h',
      request,
      userKey: request.user.login,
      now: now(),
    });
    await store.claimThread(thread);
    await mutateThread(store, thread.threadKey, (r) => transition(r, 'queued', now()));
    await store.recordProgress(thread, {
      calls: [{ method: 'POST', path: '/api/v1/users', status: 200, oktaRequestId: 'req-1', at: now(), durationMs: 4 }],
      oktaUserId: '00u1',
    });
    await store.flushSeals!();
  }, 180_000);
  afterAll(async () => {
    await dynamo.close();
    rmSync(sealDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  test('an untouched period verifies (exit 0); after a call is dropped, the finding names it (exit 1); evidence says so too', async () => {
    const clean = await cli('verify.ts', ['--from', DAY, '--to', DAY]);
    expect(clean.stdout).toContain('verified: every stored record matches its seal');
    expect(clean.code).toBe(0);

    const doc = createDocumentClient(createDynamoClient({ region: 'local', endpoint: dynamo.endpoint }));
    const item = (await doc.send(new GetCommand({ TableName: TABLE, Key: { pk: 'THREAD#msg_cli' } }))).Item!;
    (item.record as ThreadRecord).calls.splice(0, 1);
    await doc.send(new PutCommand({ TableName: TABLE, Item: item }));

    const tampered = await cli('verify.ts', ['--from', DAY]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('FAILED: 1 finding(s)');
    expect(tampered.stdout).toContain(
      `[entry-removed] ${thread.requestNumber} (thread msg_cli#${thread.requestNumber}): calls[0] was sealed but is missing from the stored record: removed`,
    );

    const evidence = await cli('evidence.ts', ['--from', DAY, '--to', DAY, '--out', out]);
    expect(evidence.code).toBe(1);
    expect(evidence.stdout).toContain('verification FAILED: 1 finding(s)');
    for (const name of ['evidence.html', 'evidence.csv', 'evidence.json']) expect(existsSync(join(out, name))).toBe(true);
    const json = JSON.parse(readFileSync(join(out, 'evidence.json'), 'utf8')) as { verification: { ok: boolean }; rows: Array<{ verification: string }> };
    expect(json.verification.ok).toBe(false);
    expect(json.rows[0]!.verification).toContain('calls[0] was sealed but is missing');
  }, 180_000);

  test('a reversed period is refused with the fix (exit 2)', async () => {
    const r = await cli('verify.ts', ['--from', '2026-12-02', '--to', '2026-12-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the period ends (2026-12-01) before it starts (2026-12-02); swap --from and --to');
  }, 180_000);
});
