import { S3Client } from '@aws-sdk/client-s3';
import { S3SealArchive, S3SealLedger } from '../../src/adapters/seal/s3-seal-ledger';
import { sealObjectKey, sealThread } from '../../src/domain/evidence/thread-seal';
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

  test('puts each seal once, never over an existing key, with a SHA-256 checksum (object lock needs an integrity checksum)', async () => {
    const t = thread();
    const seal = sealThread(t, new Date().toISOString());
    const ledger = new S3SealLedger(client, BUCKET);
    await ledger.anchor(seal);
    await ledger.anchor({ ...seal, sealedAt: 'later' });
    expect(s3.puts.map((p) => p.key)).toEqual([sealObjectKey(seal), sealObjectKey(seal)]);
    for (const put of s3.puts) {
      expect(put.headers['if-none-match']).toBe('*');
      expect(put.headers['x-amz-checksum-sha256'] ?? put.headers['x-amz-trailer']).toBeDefined();
    }
    const [stored] = await new S3SealArchive(client, BUCKET).sealsForDays(t.receivedAt.slice(0, 10), t.receivedAt.slice(0, 10));
    expect(stored).toEqual({ key: sealObjectKey(seal), writes: 1, seal });
  });

  test('a key written twice (without the condition) is read at its first version and reported as rewritten', async () => {
    const t = thread();
    const seal = sealThread(t, new Date().toISOString());
    await new S3SealLedger(client, BUCKET).anchor(seal);
    const forged = sealThread({ ...t, request: { ...t.request, requestedBy: 'mallory' } }, new Date().toISOString());
    s3.putRaw(sealObjectKey(seal), JSON.stringify(forged));
    const day = t.receivedAt.slice(0, 10);
    const seals = await new S3SealArchive(client, BUCKET).sealsForDays(day, day);
    expect(seals).toEqual([{ key: sealObjectKey(seal), writes: 2, seal }]);
    const result = await verifyPeriod({
      from: day,
      to: day,
      threads: [t],
      events: [],
      seals,
      getThread: async () => undefined,
      eventsExpireBefore: '2000-01-01',
    });
    expect(result.findings).toEqual([
      expect.objectContaining({ problem: 'seal-rewritten', threadKey: t.threadKey, message: expect.stringContaining('was written 2 times') }),
    ]);
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
