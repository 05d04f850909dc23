/**
 * A statement a grant helper adds to a principal's policy: one purpose (the `sid`), exact actions, exact resources.
 *
 * Kept independent of the provider binding so grant helpers stay plain data and tests can read them back.
 */
export interface GrantStatement {
  /** Names the purpose, e.g. `ReadJmlTable`; unique within one principal's policy. */
  readonly sid: string;
  readonly actions: readonly string[];
  /** ARNs (or ARN tokens); never `*`. */
  readonly resources: readonly string[];
  /** `Condition` blocks, e.g. `kms:ViaService`. */
  readonly conditions?: readonly GrantCondition[];
}

export interface GrantCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

/** Something that can be granted permissions: a construct owning an IAM role (aws-cdk's IGrantable, reduced). */
export interface IGrantable {
  /** Adds `statement` to the principal's own inline policy. */
  addToPrincipalPolicy(statement: GrantStatement): void;
}

/**
 * Refuses the shapes least privilege forbids: wildcard actions, `*` resources, an empty list, a repeated sid.
 * Grant helpers are the only authors of statements, so a failure here is a bug in a helper, reported with its sid.
 */
export function validateGrantStatement(statement: GrantStatement, existingSids: ReadonlySet<string>): void {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9]+$/.test(statement.sid)) problems.push(`sid "${statement.sid}" must be alphanumeric (IAM rejects others)`);
  if (existingSids.has(statement.sid)) problems.push(`sid "${statement.sid}" is already in this policy; grant each permission once`);
  if (statement.actions.length === 0) problems.push('it lists no action');
  if (statement.resources.length === 0) problems.push('it lists no resource');
  for (const action of statement.actions) {
    if (action.includes('*')) problems.push(`action "${action}" is a wildcard; list the exact actions the function calls`);
  }
  for (const resource of statement.resources) {
    if (resource === '*') problems.push('resource "*" is not scoped; pass the ARN of the resource');
  }
  if (problems.length > 0) {
    throw new Error(`grant statement ${statement.sid} is not least-privilege: ${problems.join('; ')}`);
  }
}
