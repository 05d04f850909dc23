import { systemClock } from '../../bridge/src/adapters/clock/system-clock';
import { JsonLogger } from '../../bridge/src/adapters/logging/json-logger';
import { buildStore } from '../../bridge/src/composition/store';
import { IntakeService } from '../../bridge/src/domain/intake-service';
import { ManagedGroupSet } from '../../bridge/src/domain/managed-groups';
import { startNodeServer } from '../../bridge/src/http/node-server';
import { handleIntake } from '../../bridge/src/http/routes/intake';
import { startDynalite } from '../../bridge/dev/local/dynalite';
import { environmentManagedGroups } from '../../bridge/dev/local/example-groups';
import { generateWebhookSecret } from '../../bridge/dev/local/keys';
import { decodeSecret } from '../../bridge/src/http/standard-webhooks';
import { WorkMessage, WorkQueue } from '../../bridge/src/ports/work-queue';

/** Stands in for SQS: the intake's job ends at a successful send, which this counts. */
class CountingQueue implements WorkQueue {
  sent = 0;
  async enqueue(_message: WorkMessage): Promise<void> {
    this.sent += 1;
  }
}

/**
 * The intake path of the bridge alone, in its own process (so the load generator does not share its event loop):
 * signature, JSON, intent, schema, durable record in dynalite, enqueue. Prints `{url, secret}` as one JSON line; on
 * a line `count` on stdin, prints how many messages were enqueued.
 */
async function main(): Promise<void> {
  const table = 'jml-bridge-bench';
  const dynamo = await startDynalite(table);
  const logger = new JsonLogger('silent', { service: 'jml-bridge' });
  const store = buildStore({ tableName: table, region: 'local', endpoint: dynamo.endpoint });
  const queue = new CountingQueue();
  const secret = generateWebhookSecret();
  const deps = {
    intake: new IntakeService(store, queue, systemClock, logger),
    managedGroups: new ManagedGroupSet(environmentManagedGroups('example')),
    signingKeys: [decodeSecret(secret)],
    toleranceSeconds: 300,
    nowSeconds: () => Math.floor(Date.now() / 1000),
    logger,
  };
  const server = await startNodeServer((request) => handleIntake(deps, request));
  process.stdout.write(`${JSON.stringify({ url: server.url, secret })}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (line: string) => {
    if (line.trim() === 'count') process.stdout.write(`${JSON.stringify({ enqueued: queue.sent })}\n`);
  });
  process.stdin.on('end', () => {
    void server
      .close()
      .then(() => dynamo.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
