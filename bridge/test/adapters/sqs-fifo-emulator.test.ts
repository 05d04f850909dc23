import { spawn, type ChildProcess } from 'node:child_process';
import dns from 'node:dns';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { JsonLogger } from '../../src/adapters/logging/json-logger';
import { decodeMessage } from '../../src/adapters/queue/message';
import { buildSqsQueue } from '../../src/composition/queue';
import { consumeBatch } from '../../src/handlers/worker';
import type { WorkMessage } from '../../src/ports/work-queue';
import { waitUntil } from '../../../test/helpers/wait';

/**
 * The real SQS adapter and the worker's batch consumer against fauxqs (an SQS emulator from npm with FIFO message
 * groups, deduplication ids, visibility timeouts and redrive; docs/toolchain.md says why 1.9.2 and what it lacks),
 * run as a child process because it is an ES module. A small loop stands in for Lambda's event source mapping:
 * receive a batch, hand it to `consumeBatch`, delete what succeeded, leave the failures to reappear.
 */
const ROOT = join(__dirname, '..', '..', '..');
let emulator: ChildProcess;
let port: number;
const originalLookup = dns.lookup;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolve(p));
    });
  });
}

const savedCredentials = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

beforeAll(async () => {
  // The adapter uses the default credential chain, as in Lambda; the emulator accepts any credentials.
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  // fauxqs names queues `http://sqs.<region>.localhost:<port>/...`; RFC 6761 reserves *.localhost for loopback.
  (dns as any).lookup = (host: string, options: any, callback?: any) =>
    host.endsWith('.localhost') ? originalLookup('127.0.0.1', options, callback) : originalLookup(host, options, callback);
  port = await freePort();
  emulator = spawn(process.execPath, [join(ROOT, 'node_modules', 'fauxqs', 'dist', 'cli.js')], {
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_LOGGER: 'false' },
    stdio: 'ignore',
  });
  let exited: number | null | undefined;
  emulator.once('exit', (code) => (exited = code));
  // Until it answers, or exits; jest's time-out catches one that hangs.
  await waitUntil(async () => {
    if (exited !== undefined) throw new Error(`fauxqs exited (${exited}) before it answered on port ${port}`);
    return fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => res.ok,
      () => false,
    );
  }, 100);
});
afterAll(() => {
  emulator?.kill();
  if (savedCredentials.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
  else process.env.AWS_ACCESS_KEY_ID = savedCredentials.id;
  if (savedCredentials.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = savedCredentials.secret;
  (dns as any).lookup = originalLookup;
});

const client = () => new SQSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });

/** A FIFO queue shaped like `constructs/fifo-queue` (explicit dedup ids, per-group scope), with a FIFO dead-letter queue. */
async function fifoQueue(name: string, maxReceiveCount: number): Promise<{ url: string; dlqUrl: string }> {
  const sqs = client();
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq.fifo`, Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } }));
  const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: `${name}.fifo`,
      Attributes: {
        FifoQueue: 'true',
        ContentBasedDeduplication: 'false',
        DeduplicationScope: 'messageGroup',
        FifoThroughputLimit: 'perMessageGroupId',
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
      },
    }),
  );
  return { url: main.QueueUrl!, dlqUrl: dlq.QueueUrl! };
}

/** One poll of the event source mapping: receive, consume, delete the successes; what the worker saw, in order. */
async function poll(url: string, processOne: (message: WorkMessage) => Promise<void>): Promise<string[]> {
  const sqs = client();
  const received = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], WaitTimeSeconds: 1 }),
  );
  const messages = received.Messages ?? [];
  if (messages.length === 0) return [];
  const seen: string[] = [];
  const event = {
    Records: messages.map((m) => ({ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, attributes: m.Attributes, eventSource: 'aws:sqs' })),
  } as unknown as SQSEvent;
  const { batchItemFailures } = await consumeBatch(
    event,
    async (body) => {
      const message = decodeMessage(body);
      seen.push(message.threadKey);
      await processOne(message);
    },
    new JsonLogger('silent'),
  );
  const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
  const done = messages.filter((m) => !failed.has(m.MessageId!));
  if (done.length > 0)
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
  return seen;
}

const message = (user: string, thread: string, replay = 0): WorkMessage => ({ threadKey: thread, correlationId: `c-${thread}`, userKey: user, replay });

test('a re-sent message is dropped by its deduplication id; a replay is not', async () => {
  const { url } = await fifoQueue('dedup', 5);
  const queue = buildSqsQueue({ queueUrl: url, region: 'us-east-1' });
  await queue.enqueue(message('ada', 't1'));
  await queue.enqueue(message('ada', 't1')); // the intake retried within SQS's five-minute window
  await queue.enqueue(message('ada', 't1', 1)); // a replay: a new deduplication id
  const seen = [...(await poll(url, async () => undefined)), ...(await poll(url, async () => undefined))];
  expect(seen).toEqual(['t1', 't1']);
});

test("one user's failure holds that user's later work behind it, in order, while another user's goes on", async () => {
  const { url } = await fifoQueue('groups', 5);
  const queue = buildSqsQueue({ queueUrl: url, region: 'us-east-1' });
  for (const m of [message('ada', 'ada-joiner'), message('ada', 'ada-mover'), message('bob', 'bob-joiner')]) await queue.enqueue(m);
  let failAdaOnce = true;
  const applied: string[] = [];
  const attempt = async (m: WorkMessage) => {
    if (m.threadKey === 'ada-joiner' && failAdaOnce) {
      failAdaOnce = false;
      throw new Error('Okta answered 503');
    }
    applied.push(m.threadKey);
  };
  const first = await poll(url, attempt);
  expect(first).toEqual(['ada-joiner', 'bob-joiner']); // ada-mover was not attempted behind the failure
  expect(applied).toEqual(['bob-joiner']);
  for (let i = 0; i < 10 && applied.length < 3; i++) await poll(url, attempt); // redelivered after the visibility timeout
  expect(applied).toEqual(['bob-joiner', 'ada-joiner', 'ada-mover']);
});

test('a message that keeps failing moves to the dead-letter queue after maxReceiveCount; the work behind it waits until then', async () => {
  const { url, dlqUrl } = await fifoQueue('poison', 2);
  const queue = buildSqsQueue({ queueUrl: url, region: 'us-east-1' });
  await queue.enqueue(message('eve', 'eve-joiner'));
  await queue.enqueue(message('eve', 'eve-leaver'));
  const applied: string[] = [];
  const polls: string[][] = [];
  for (let i = 0; i < 10 && applied.length === 0; i++) {
    polls.push(
      await poll(url, async (m) => {
        if (m.threadKey === 'eve-joiner') throw new Error('refused');
        applied.push(m.threadKey);
      }),
    );
  }
  const dead = await client().send(new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }));
  expect((dead.Messages ?? []).map((m) => decodeMessage(m.Body!).threadKey)).toEqual(['eve-joiner']);
  expect(applied).toEqual(['eve-leaver']);
  // The leaver was never attempted in a batch that still held the joiner: it waited behind it until the redrive.
  expect(polls.filter((seen) => seen.includes('eve-joiner')).every((seen) => !seen.includes('eve-leaver'))).toBe(true);
  expect(polls.filter((seen) => seen.includes('eve-joiner')).length).toBe(2);
});
