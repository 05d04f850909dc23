import { TerraformDataSource, TerraformProvider, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The number of elements of a Terraform type in the Okta org that the stack at `stackPath` manages, if known. */
export type OrgCounts = (stackPath: string | undefined, type: string) => number | undefined;

/** An org as the okta provider of a stack addresses it. */
function orgOf(stack: TerraformStack): string | undefined {
  for (const child of stack.node.children) {
    if (!(child instanceof TerraformProvider) || child.terraformResourceType !== 'okta') continue;
    const p = child as unknown as { orgName?: string; baseUrl?: string };
    if (typeof p.orgName === 'string') return `${p.orgName}.${p.baseUrl ?? ''}`;
  }
  return undefined;
}

function typeOf(construct: IConstruct): string | undefined {
  const type = (construct as { terraformResourceType?: unknown }).terraformResourceType;
  return typeof type === 'string' && !(construct instanceof TerraformProvider) && !(construct instanceof TerraformDataSource) ? type : undefined;
}

/**
 * Counts of Okta resource types per org over every stack of an app, for limits Okta applies per org while the
 * project spreads the objects over several root modules (the identity shards). Built from the construct tree, which
 * is complete once aspects run; rebuilt when a stack it has not seen asks.
 */
export class OrgInventory {
  private byStack = new Map<string, string>();
  private byOrg = new Map<string, Map<string, number>>();
  private root?: IConstruct;

  /** Indexes the app of `stack` unless it already knows `stack`. */
  public index(stack: TerraformStack): void {
    if (this.root === stack.node.root && this.byStack.has(stack.node.path)) return;
    this.root = stack.node.root;
    this.byStack = new Map();
    this.byOrg = new Map();
    for (const child of stack.node.root.node.children) {
      if (!TerraformStack.isStack(child)) continue;
      const org = orgOf(child);
      this.byStack.set(child.node.path, org ?? '');
      if (org === undefined) continue;
      const counts = this.byOrg.get(org) ?? new Map<string, number>();
      for (const construct of child.node.findAll()) {
        const type = typeOf(construct);
        if (type?.startsWith('okta_')) counts.set(type, (counts.get(type) ?? 0) + 1);
      }
      this.byOrg.set(org, counts);
    }
  }

  public readonly counts: OrgCounts = (stackPath, type) => {
    const org = stackPath === undefined ? undefined : this.byStack.get(stackPath);
    if (!org) return undefined;
    return this.byOrg.get(org)?.get(type) ?? 0;
  };
}
