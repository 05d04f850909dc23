import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * go-plugin's side of the handshake, as Terraform expects it from a provider (docs/terraform-offline.md):
 * Terraform passes its client certificate in PLUGIN_CLIENT_CERT; the plugin answers with one stdout line naming
 * its address and its own certificate, then serves gRPC over TLS that requires exactly that client certificate.
 */

/** Terraform's fixed cookie variable: a plugin started by anything else refuses to run. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';

export interface ServerCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** DER, base64 without padding, as the handshake line carries it. */
  readonly handshakeCert: string;
}

/**
 * A fresh self-signed certificate for "localhost" (go-plugin verifies the server as localhost against exactly
 * the certificate the handshake line carried). The key is made by Node's crypto; node-forge only writes the cert.
 */
export function createServerCertificate(): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject = [
    { name: 'organizationName', value: 'terraform stand-in provider' },
    { name: 'commonName', value: 'localhost' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    certPem: forge.pki.certificateToPem(cert),
    keyPem,
    handshakeCert: Buffer.from(der, 'binary').toString('base64').replace(/=+$/, ''),
  };
}

/** `<core protocol>|<app protocol>|tcp|<address>|grpc|<cert>`: core protocol 1, tfplugin 6. */
export function handshakeLine(port: number, certificate: ServerCertificate): string {
  return `1|6|tcp|127.0.0.1:${port}|grpc|${certificate.handshakeCert}`;
}

/**
 * The certificate kept in `dir` (written once per mirror, mode 0600, never committed), so the many short-lived
 * provider processes of one run skip the key generation and signing (about a second each on a busy machine).
 */
export function cachedServerCertificate(dir: string | undefined): ServerCertificate {
  if (!dir) return createServerCertificate();
  const file = join(dir, 'stand-in-server-cert.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ServerCertificate;
  const certificate = createServerCertificate();
  writeFileSync(file, JSON.stringify(certificate), { mode: 0o600 });
  return certificate;
}
