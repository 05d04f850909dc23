import type { Construct } from 'constructs';

/** A statement id for `purpose` on `resource`: its construct id without separators, e.g. `WebhookSecretRead`. */
export function sidFor(resource: Construct, purpose: string): string {
  return `${resource.node.id}${purpose}`.replace(/[^A-Za-z0-9]/g, '');
}
