import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedConfigTable } from '../bridge/dev/local/config-table';
import { ensureTable } from '../bridge/src/adapters/dynamodb/create-table';
import { ENV } from '../bridge/contract/env-names';
import { decodeSecret, sign } from '../bridge/src/http/standard-webhooks';
import { ROUTES } from '../bridge/contract/routes';
import { bundleHandler } from '../constructs/lambda-bundle';

/**
 * Cold start of the bundled intake handler: the time from spawning a fresh `node` process to the handler's first
 * response, for a signed joiner request, the way Lambda runs it (require the bundle, call `handler` with an API
 * Gateway HTTP API event). The first response includes the real cold-start work: reading the webhook secret from
 * Secrets Manager, writing the thread to DynamoDB (dynalite) and sending to SQS. Secrets Manager and SQS are
 * small loopback fakes that speak the AWS JSON protocols, so the SDK clients run unmodified.
 *
 * It first prints the size of every function's bundle (and its deflated size, close to the zip's).
 *
 * Usage: npm run bridge:cold-start [-- --runs 9] (npm run bench runs it as part of bench/cold-start.ts)
 * Compares the bundle with the AWS SDK inside against one that loads the SDK from node_modules, as Lambda's
 * built-in SDK would be loaded, and the cost of `--enable-source-maps` (which makes Node parse the map at load).
 */

const ROOT = path.resolve(__dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
/** `--managed-groups N`: seed the configuration table with N names (the example's three, padded), to measure its read. */
const managedGroupCount = process.argv.includes('--managed-groups') ? Number(process.argv[process.argv.indexOf('--managed-groups') + 1]) : 3;
const EXAMPLE_GROUPS = ['jml-managed-users', 'jml-dept-engineering', 'jml-role-sre'];
const seededGroups = [
  ...EXAMPLE_GROUPS,
  ...Array.from({ length: Math.max(0, managedGroupCount - EXAMPLE_GROUPS.length) }, (_, i) => `jml-access-bench-servers-${i}`),
];

interface Sample {
  /** Parent's clock: spawn to the response line. */
  readonly wallMs: number;
  /** Child's clock: process start to response. */
  readonly sinceStartMs: number;
  readonly requireMs: number;
  readonly firstInvokeMs: number;
  /** CPU time (user + system) of the child until the response: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly status: number;
}

/** Answers the two AWS JSON-protocol calls the intake makes besides DynamoDB. */
function startAwsFake(secretValue: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const reply = (payload: unknown, contentType: string) => {
        res.writeHead(200, { 'content-type': contentType, 'x-amzn-requestid': randomUUID() });
        res.end(JSON.stringify(payload));
      };
      if (target === 'secretsmanager.GetSecretValue') {
        reply({ ARN: body.SecretId, Name: 'webhook-signing-secret', SecretString: secretValue, VersionId: randomUUID() }, 'application/x-amz-json-1.1');
      } else if (target === 'AmazonSQS.SendMessage') {
        const md5 = createHash('md5').update(body.MessageBody).digest('hex');
        reply({ MessageId: randomUUID(), MD5OfMessageBody: md5, SequenceNumber: '1' }, 'application/x-amz-json-1.0');
      } else {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `fake does not implement ${target}` }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function signedEvent(secret: string): string {
  const sequence = randomBytes(4).toString('hex');
  const body = JSON.stringify({
    requestNumber: `RITM${String(Date.now() % 10_000_000).padStart(7, '0')}`,
    requestSysId: randomBytes(16).toString('hex'),
    action: 'joiner',
    user: {
      login: `cold${sequence}@example.com`,
      email: `cold${sequence}@example.com`,
      firstName: 'Ada',
      lastName: 'Lovelace',
      employeeNumber: `E-${sequence}`,
      department: 'Engineering',
      title: 'Site Reliability Engineer',
    },
    effectiveDate: new Date().toISOString().slice(0, 10),
    approvals: [{ approver: 'grace.hopper', approvedAt: '2026-11-29T10:15:00Z' }],
    requestedBy: 'hr.partner',
  });
  const id = `msg_${randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    version: '2.0',
    routeKey: `POST ${ROUTES.intake}`,
    rawPath: ROUTES.intake,
    rawQueryString: '',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': sign(decodeSecret(secret), id, timestamp, body),
    },
    body,
    isBase64Encoded: false,
    requestContext: {
      http: { method: 'POST', path: ROUTES.intake, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'cold-start' },
      requestId: randomUUID(),
    },
  });
}

/** The child: requires the bundle, invokes once, prints its timings as one JSON line. */
const DRIVER = `
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const { handler } = require(process.env.BUNDLE);
const t1 = performance.now();
handler(JSON.parse(process.env.EVENT)).then((response) => {
  const t2 = performance.now();
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify({ status: response.statusCode, requireMs: t1 - t0, firstInvokeMs: t2 - t1, sinceStartMs: t2, cpuMs }) + '\\n');
});
`;

function runOnce(bundleFile: string, env: NodeJS.ProcessEnv, event: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', DRIVER], { env: { ...env, BUNDLE: bundleFile, EVENT: event }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        resolve({ wallMs, ...JSON.parse(out.split('\n')[0]) });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`cold-start child exited with ${code} before answering:\n${err}`));
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

function printBundleSizes(): void {
  console.log('| function | index.js | index.js.map | deflated (≈ zip) |');
  console.log('|---|---|---|---|');
  for (const name of ['intake', 'worker', 'event-hook', 'health', 'scheduler']) {
    const bundle = bundleHandler({ entry: `bridge/src/handlers/${name}.ts` });
    const deflated = ['index.js', 'index.js.map']
      .map((file) => deflateRawSync(fs.readFileSync(path.join(bundle.directory, file)), { level: 9 }).length)
      .reduce((a, b) => a + b, 0);
    console.log(`| ${name} | ${kb(bundle.sizes['index.js'])} | ${kb(bundle.sizes['index.js.map'])} | ${kb(deflated)} |`);
  }
  console.log('');
}

async function main(): Promise<void> {
  printBundleSizes();
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const dynalite = require('dynalite')({ createTableMs: 0 });
  await new Promise<void>((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
  const dynamoEndpoint = `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`;
  const credentials = { accessKeyId: 'cold', secretAccessKey: 'start' };
  await ensureTable(new DynamoDBClient({ region: 'eu-west-1', endpoint: dynamoEndpoint, credentials }), 'cold-start');
  const fake = await startAwsFake(secret);
  const fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_OPTIONS: '--enable-source-maps',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: fakeUrl,
    [ENV.logLevel]: 'silent',
    [ENV.tableName]: 'cold-start',
    [ENV.dynamoEndpoint]: dynamoEndpoint,
    [ENV.queueUrl]: `${fakeUrl}/123456789012/cold-start.fifo`,
    ...(await seedConfigTable(dynamoEndpoint, 'cold-start-config', seededGroups)),
    [ENV.webhookSecretArn]: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webhook-signing-secret',
  };

  const variants = [
    { name: 'AWS SDK bundled', bundle: bundleHandler({ entry: 'bridge/src/handlers/intake.ts' }), extraEnv: {} },
    {
      name: 'AWS SDK bundled, source maps not enabled',
      bundle: bundleHandler({ entry: 'bridge/src/handlers/intake.ts' }),
      // Without --enable-source-maps Node never parses the map; stack traces then point into the minified bundle.
      extraEnv: { NODE_OPTIONS: '' },
    },
    {
      name: 'AWS SDK external (from node_modules)',
      bundle: bundleHandler({ entry: 'bridge/src/handlers/intake.ts', external: ['@aws-sdk/*', '@smithy/*'] }),
      // Lambda's runtime puts its SDK on NODE_PATH; here the project's node_modules plays that part.
      extraEnv: { NODE_PATH: path.join(ROOT, 'node_modules') },
    },
  ];

  console.log(`Cold start of the bundled intake handler with ${seededGroups.length} managed groups, median of ${runs} fresh node ${process.version} processes`);
  console.log('| variant | index.js | spawn to first response | process start to response | require | first invocation | CPU time |');
  console.log('|---|---|---|---|---|---|---|');
  // Runs alternate between variants so that load from other processes on the machine affects both alike.
  const samples = variants.map(() => [] as Sample[]);
  const run = (index: number) => runOnce(path.join(variants[index].bundle.directory, 'index.js'), { ...env, ...variants[index].extraEnv }, signedEvent(secret));
  for (let index = 0; index < variants.length; index += 1) await run(index);
  for (let i = 0; i < runs; i += 1) {
    for (let index = 0; index < variants.length; index += 1) samples[index].push(await run(index));
  }
  variants.forEach((variant, index) => {
    const statuses = [...new Set(samples[index].map((s) => s.status))];
    if (statuses.length !== 1 || statuses[0] !== 202) throw new Error(`intake answered ${statuses.join(', ')}, expected 202 for every run`);
    const ms = (pick: (s: Sample) => number) => `${median(samples[index].map(pick)).toFixed(0)} ms`;
    console.log(
      `| ${variant.name} | ${kb(variant.bundle.sizes['index.js'])} | ${ms((s) => s.wallMs)} | ${ms((s) => s.sinceStartMs)} | ${ms((s) => s.requireMs)} | ${ms((s) => s.firstInvokeMs)} | ${ms((s) => s.cpuMs)} |`,
    );
  });

  fake.close();
  dynalite.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
