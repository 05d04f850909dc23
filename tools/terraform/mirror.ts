import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedServerCertificate } from './provider/handshake';
import { REPO_ROOT, registeredSnapshots, type RegisteredSnapshot } from './snapshots';

/**
 * A Terraform filesystem mirror that holds the stand-in provider for every registered snapshot, and the CLI config
 * (TF_CLI_CONFIG_FILE) that installs providers from it and from nowhere else, so `terraform init` never needs
 * the registry. Each provider is a small launcher script in the mirror's unpacked layout.
 */
export interface Mirror {
  readonly dir: string;
  readonly cliConfigFile: string;
  readonly providers: readonly RegisteredSnapshot[];
}

export function platform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `${process.platform}_${arch}`;
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function buildMirror(dir: string, providers = registeredSnapshots()): Mirror {
  const mirrorDir = join(dir, 'mirror');
  // One server certificate per mirror, made now, so concurrent provider starts never race to write it.
  mkdirSync(dir, { recursive: true });
  cachedServerCertificate(dir);
  for (const provider of providers) {
    const [host, namespace, type] = provider.fqpn.split('/');
    const target = join(mirrorDir, host, namespace, type, provider.version, platform());
    mkdirSync(target, { recursive: true });
    const launcher = join(target, `terraform-provider-${type}_v${provider.version}`);
    const args = [
      process.execPath,
      '-r',
      join(REPO_ROOT, 'scripts', 'register-swc.js'),
      join(REPO_ROOT, 'tools', 'terraform', 'provider', 'main.ts'),
      '--fqpn',
      provider.fqpn,
      ...provider.files.flatMap((file) => ['--snapshot', file]),
      '--cert-dir',
      dir,
    ];
    writeFileSync(launcher, `#!/bin/sh\n# Stand-in for ${provider.fqpn} ${provider.version} (tools/terraform).\nexec ${args.map(quote).join(' ')}\n`);
    chmodSync(launcher, 0o755);
  }
  const cliConfigFile = join(dir, 'terraform.rc');
  writeFileSync(
    cliConfigFile,
    [
      '# Written by tools/terraform/mirror.ts: providers come only from the stand-in mirror, never from a registry.',
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirrorDir)}`,
      '    include = ["*/*/*"]',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return { dir: mirrorDir, cliConfigFile, providers };
}
