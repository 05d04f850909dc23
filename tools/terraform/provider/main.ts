import * as grpc from '@grpc/grpc-js';
import { cachedServerCertificate, handshakeLine, MAGIC_COOKIE_KEY } from './handshake';
import { loadRemoteObjects } from './remote-objects';
import { loadServices, providerImplementation } from './server';
import { loadProviderSchema } from './snapshot';

/**
 * Entry point of the stand-in provider, started by Terraform through the launcher script that
 * `tools/terraform/mirror.ts` writes: `main.ts --fqpn registry.terraform.io/<ns>/<type> --snapshot <file>...`.
 */

function argumentsNamed(name: string): string[] {
  const values = process.argv.flatMap((arg, index) => (arg === `--${name}` ? [process.argv[index + 1]] : []));
  if (values.length === 0 || values.some((value) => !value)) throw new Error(`missing --${name}`);
  return values;
}

async function main(): Promise<void> {
  if (!process.env[MAGIC_COOKIE_KEY]) {
    process.stderr.write("This is a Terraform provider plugin (the project's offline stand-in); Terraform starts it, not you.\n");
    process.exit(1);
  }
  const versions = (process.env.PLUGIN_PROTOCOL_VERSIONS ?? '6').split(',');
  if (!versions.includes('6')) throw new Error(`Terraform offers plugin protocols ${versions.join(',')}; the stand-in speaks only 6`);
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) throw new Error('PLUGIN_CLIENT_CERT is not set: Terraform always runs plugins with automatic mutual TLS');

  const schema = loadProviderSchema(argumentsNamed('snapshot'), argumentsNamed('fqpn')[0]);
  const certDir = process.argv.indexOf('--cert-dir') >= 0 ? argumentsNamed('cert-dir')[0] : undefined;
  const certificate = cachedServerCertificate(certDir);
  const server = new grpc.Server();
  const services = loadServices();
  server.addService(services.provider, providerImplementation(schema, loadRemoteObjects()));
  server.addService(services.controller, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      setImmediate(() => server.tryShutdown(() => process.exit(0)));
    },
  });
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCert),
    [{ cert_chain: Buffer.from(certificate.certPem), private_key: Buffer.from(certificate.keyPem) }],
    true,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (failure, bound) => (failure ? reject(failure) : resolve(bound))),
  );
  process.stdout.write(`${handshakeLine(port, certificate)}\n`);
}

main().catch((failure) => {
  process.stderr.write(`[stand-in] ${failure instanceof Error ? failure.message : String(failure)}\n`);
  process.exit(1);
});
