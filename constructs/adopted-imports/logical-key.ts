import { TerraformResource, TerraformStack, Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Attributes that name an object in its API, tried in this order. The first one whose synthesized value is a
 * literal (not a reference) is the resource's natural name.
 */
const NATURAL_ATTRIBUTES = ['name', 'label', 'suffix', 'title', 'value'] as const;

/** The literal natural name of a resource, or undefined when it has none (every candidate is absent or a token). */
export function naturalNameOf(resource: TerraformResource): string | undefined {
  const attributes = synthesizedAttributes(resource);
  for (const attribute of NATURAL_ATTRIBUTES) {
    const value = attributes[attribute];
    if (typeof value === 'string' && value.length > 0 && !Token.isUnresolved(value)) return value;
  }
  return undefined;
}

/** A resource's logical key in parts: its Terraform type, the names of its owners (outermost first), its own name. */
export interface LogicalParts {
  readonly type: string;
  readonly owners: readonly string[];
  /** The natural name, or the construct id when the resource has none. */
  readonly leaf: string;
  readonly named: boolean;
}

/**
 * The stable logical key of a resource: `<terraform type>:<owner names>/<name>`.
 *
 * Keys are built from what the resource *is* (its type and the names it has in its API, qualified by the names of
 * the objects that own it), never from construct paths or stack names, so moving a resource to another stack (the
 * identity stack's shards) or renaming a construct id keeps its key. Owners are the enclosing constructs that wrap
 * a named resource as their `Resource` child (a group owns its rule and app assignment; a catalog item owns its
 * variables, a variable its choices). A resource with no literal name is keyed by its construct id under its owners,
 * or, in a construct with no owner, under the first named resource beside it (a resource set owns its role assignment).
 *
 * @example okta_group:jml-dept-engineering, okta_group_rule:jml-dept-engineering/jml-dept-engineering,
 *   servicenow_question_choice:User lifecycle request/jml_department/engineering
 */
export function logicalKeyOf(resource: TerraformResource): string {
  const parts = logicalPartsOf(resource);
  return `${parts.type}:${[...parts.owners, parts.leaf].join('/')}`;
}

export function logicalPartsOf(resource: TerraformResource): LogicalParts {
  const owners: string[] = [];
  for (const scope of ancestorsBelowStack(resource)) {
    const owner = ownerResource(scope);
    if (owner === undefined || owner === resource) continue;
    const name = naturalNameOf(owner);
    if (name !== undefined) owners.push(name);
  }
  const name = naturalNameOf(resource);
  const scope = resource.node.scope;
  if (name === undefined && scope !== undefined && !(scope instanceof TerraformStack) && ownerResource(scope) === undefined) {
    const sibling = scope.node.children.find(
      (child): child is TerraformResource => child instanceof TerraformResource && child !== resource && naturalNameOf(child) !== undefined,
    );
    if (sibling) owners.push(naturalNameOf(sibling) as string);
  }
  return { type: resource.terraformResourceType, owners, leaf: name ?? resource.node.id, named: name !== undefined };
}

/** The constructs between the stack (exclusive) and the resource (exclusive), outermost first. */
function ancestorsBelowStack(resource: TerraformResource): IConstruct[] {
  const scopes = resource.node.scopes;
  const stackIndex = scopes.findIndex((scope) => scope instanceof TerraformStack);
  return scopes.slice(stackIndex + 1, -1);
}

/** The named resource a construct stands for: itself when it is a resource, or its `Resource` child. */
function ownerResource(scope: IConstruct): TerraformResource | undefined {
  if (scope instanceof TerraformResource) return scope;
  const child = scope.node.tryFindChild('Resource');
  return child instanceof TerraformResource ? child : undefined;
}

/** The resource's own attributes as they will be synthesized (snake_case keys). */
function synthesizedAttributes(resource: TerraformResource): Record<string, unknown> {
  const synthesize = (resource as unknown as { synthesizeAttributes?: () => Record<string, unknown> }).synthesizeAttributes;
  return typeof synthesize === 'function' ? synthesize.call(resource) : {};
}
