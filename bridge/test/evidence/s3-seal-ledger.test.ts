import { S3Client } from '@aws-sdk/client-s3';
import { S3SealArchive, S3SealLedger } from '../../src/adapters/seal/s3-seal-ledger';
import { sealBatchKey, sealBatchText, sealObjectKey, sealThread } from '../../src/domain/evidence/thread-seal';
import { verifyPeriod } from '../../src/domain/evidence/verify-period';
import { newThread, ThreadRecord } from '../../src/domain/thread';
import { jmlRequest } from '../../dev/harness/requests';
import { startFakeS3 } from './helpers/fake-s3';

const BUCKET = 'jml-bridge-test-seals-123456789012';

function thread(): ThreadRecord {
  const request = jmlRequest('joiner');
  return newThread({
    threadKey: `msg_s3#${request.requestNumber}`,
    correlationId: 'c',
    webhookId: 'msg_s3',
    bodyHash: 'h',
    request,
    userKey: request.user.login,
    now: new Date().toISOString(),
  });
}

/** The S3 ledger and archive, through the real AWS SDK against a loopback stand-in for a versioned bucket. */
describe('S3 seal ledger and archive', () => {
  let s3: Awaited<ReturnType<typeof startFakeS3>>;
  let client: S3Client;
  beforeEach(async () => {
    s3 = await startFakeS3(BUCKET);
    client = new S3Client({ region: 'eu-west-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  });
  afterEach(async () => {
    client.destroy();
    await s3.close();
  });

  test('puts one object per batch, never over an existing key, with a SHA-256 checksum (object lock needs an integrity checksum)', async () => {
    const [a, b] = [thread(), thread()];
    const day = a.receivedAt.slice(0, 10);
    const seals = [sealThread(a, new Date().toISOString()), sealThread(b, new Date().toISOString())];
    const ledger = new S3SealLedger(client, BUCKET);
    await ledger.anchor(day, seals);
    await ledger.anchor(day, seals);
    const key = sealBatchKey(day, sealBatchText(day, seals));
    expect(key).toMatch(new RegExp(`^batches/${day}/[0-9a-f]{32}\\.json$`));
    expect(s3.puts.map((p) => p.key)).toEqual([key, key]);
    for (const put of s3.puts) {
      expect(put.headers['if-none-match']).toBe('*');
      expect(put.headers['x-amz-checksum-sha256'] ?? put.headers['x-amz-trailer']).toBeDefined();
    }
    const stored = await new S3SealArchive(client, BUCKET).sealsForDays(day, day);
    expect(stored).toEqual(seals.map((seal) => ({ key, writes: 1, seal })));
  });

  test('a key written twice (without the condition) is read at its first version and reported as rewritten, once', async () => {
    const t = thread();
    const day = t.receivedAt.slice(0, 10);
    const seal = sealThread(t, new Date().toISOString());
    await new S3SealLedger(client, BUCKET).anchor(day, [seal, sealThread({ ...t, threadKey: `${t.threadKey}x` }, seal.sealedAt)]);
    const [{ key }] = s3.puts;
    const forged = sealThread({ ...t, request: { ...t.request, requestedBy: 'mallory' } }, new Date().toISOString());
    s3.putRaw(key!, sealBatchText(day, [forged]));
    const seals = await new S3SealArchive(client, BUCKET).sealsForDays(day, day);
    expect(seals.map((s) => [s.key, s.writes, s.seal?.kind === 'thread' ? s.seal.threadKey : undefined])).toEqual([
      [key, 2, t.threadKey],
      [key, 2, `${t.threadKey}x`],
    ]);
    const result = await verifyPeriod({
      from: day,
      to: day,
      threads: [t, { ...t, threadKey: `${t.threadKey}x` }],
      events: [],
      seals,
      getThread: async () => undefined,
      eventsExpireBefore: '2000-01-01',
    });
    expect(result.findings).toEqual([expect.objectContaining({ problem: 'seal-rewritten', message: expect.stringContaining('was written 2 times') })]);
  });

  test('single seals anchored before batching (threads/<day>/…) are still read and verified', async () => {
    const t = thread();
    const day = t.receivedAt.slice(0, 10);
    const seal = sealThread(t, new Date().toISOString());
    s3.putRaw(sealObjectKey(seal), JSON.stringify(seal));
    const seals = await new S3SealArchive(client, BUCKET).sealsForDays(day, day);
    expect(seals).toEqual([{ key: sealObjectKey(seal), writes: 1, seal }]);
    const result = await verifyPeriod({
      from: day,
      to: day,
      threads: [t],
      events: [],
      seals,
      getThread: async () => undefined,
      eventsExpireBefore: '2000-01-01',
    });
    expect(result).toMatchObject({ ok: true, threadsChecked: 1 });
  });

  test('lists every version across pages, and keeps a key rewritten on a page boundary together', async () => {
    const paged = await startFakeS3('paged-bucket', { pageSize: 2 });
    const pagedClient = new S3Client({
      region: 'eu-west-1',
      endpoint: paged.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const threads = Array.from({ length: 3 }, thread);
      const seals = threads.flatMap((t) => [1, 2, 3].map((version) => sealThread({ ...t, version }, 'now')));
      for (const seal of seals) paged.putRaw(sealObjectKey(seal), JSON.stringify(seal));
      paged.putRaw(sealObjectKey(seals[4]!), JSON.stringify(seals[0]));
      const day = threads[0]!.receivedAt.slice(0, 10);
      const read = await new S3SealArchive(pagedClient, 'paged-bucket').sealsForDays(day, day);
      expect(read).toHaveLength(9);
      expect(read.filter((s) => s.writes === 2).map((s) => s.key)).toEqual([sealObjectKey(seals[4]!)]);
      expect(read.find((s) => s.key === sealObjectKey(seals[4]!))!.seal).toEqual(seals[4]);
    } finally {
      pagedClient.destroy();
      await paged.close();
    }
  });
});
