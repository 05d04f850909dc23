import { createHash } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeMessage, shortHash } from '../../src/adapters/queue/message';
import { buildSqsQueue } from '../../src/composition/queue';

/**
 * A loopback endpoint that answers SQS SendMessage in the AWS JSON 1.0 protocol the SDK speaks, so the real
 * `@aws-sdk/client-sqs` request (target, parameters, MD5 check of the answer) is exercised without AWS.
 */
async function startSqsEndpoint(): Promise<{ server: Server; url: string; sent: Array<{ target: string; body: Record<string, string> }> }> {
  const sent: Array<{ target: string; body: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
      sent.push({ target: String(req.headers['x-amz-target']), body });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          MessageId: `m-${sent.length}`,
          MD5OfMessageBody: createHash('md5').update(body.MessageBody).digest('hex'),
          SequenceNumber: String(sent.length),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}

describe('SQS FIFO queue adapter', () => {
  const saved = { ...process.env };
  beforeAll(() => Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }));
  afterAll(() => {
    process.env = saved;
  });

  test('groups messages by a hash of the user key and deduplicates per thread and replay', async () => {
    const endpoint = await startSqsEndpoint();
    try {
      const queue = buildSqsQueue({ queueUrl: `${endpoint.url}/123456789012/jml-bridge.fifo`, region: 'eu-west-1' });
      const message = { threadKey: 'msg_1#RITM0010001', correlationId: 'c-1', userKey: 'ada@example.com', replay: 0 };
      await queue.enqueue(message);
      await queue.enqueue({ ...message, replay: 1 });
      expect(endpoint.sent.map((s) => s.target)).toEqual(['AmazonSQS.SendMessage', 'AmazonSQS.SendMessage']);
      const [first, second] = endpoint.sent.map((s) => s.body);
      expect(first.QueueUrl).toBe(`${endpoint.url}/123456789012/jml-bridge.fifo`);
      expect(first.MessageGroupId).toBe(shortHash('ada@example.com'));
      expect(first.MessageGroupId).not.toContain('ada');
      expect(second.MessageGroupId).toBe(first.MessageGroupId);
      expect(first.MessageDeduplicationId).not.toBe(second.MessageDeduplicationId);
      expect(decodeMessage(first.MessageBody)).toEqual(message);
    } finally {
      endpoint.server.close();
    }
  });

  test('a queue body that is not a work message fails with its size, not its content', () => {
    expect(() => decodeMessage('{"secret":"x"}')).toThrow(/lacks threadKey/);
    expect(() => decodeMessage('secret')).toThrow(/not JSON \(6 bytes\)/);
  });
});
