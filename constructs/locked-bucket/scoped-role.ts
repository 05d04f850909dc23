import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { policyDocumentStatements, validateGrantStatement, type GrantStatement, type IGrantable } from '../iam-grants';

export interface ScopedRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** Who may assume the role: IAM principal ARNs and/or AWS service principals (e.g. `ec2.amazonaws.com`). */
  readonly assumedBy: { readonly principalArns?: readonly string[]; readonly services?: readonly string[] };
  /** Longest session, in seconds (1 hour to 12 hours). @default 3600 */
  readonly maxSessionSeconds?: number;
}

/**
 * A role whose only permissions are the statements grant helpers add ({@link addToPrincipalPolicy}), each checked to
 * be least-privilege, in one inline policy; no managed policy is ever attached.
 */
export class ScopedRole extends Construct implements IGrantable {
  public readonly role: IamRole;
  public readonly roleArn: string;
  private readonly statements: GrantStatement[] = [];
  private document?: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: ScopedRoleProps) {
    super(scope, id);
    const principals = [
      ...(props.assumedBy.principalArns?.length ? [{ type: 'AWS', identifiers: [...props.assumedBy.principalArns] }] : []),
      ...(props.assumedBy.services?.length ? [{ type: 'Service', identifiers: [...props.assumedBy.services] }] : []),
    ];
    if (principals.length === 0) {
      throw new Error(`role ${props.roleName}: name at least one principal that may assume it`);
    }
    const trust = new DataAwsIamPolicyDocument(this, 'AssumeRolePolicy', { statement: [{ actions: ['sts:AssumeRole'], principals }] });
    this.role = new IamRole(this, 'Role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: trust.json,
      maxSessionDuration: props.maxSessionSeconds ?? 3600,
    });
    this.roleArn = this.role.arn;
  }

  public addToPrincipalPolicy(statement: GrantStatement): void {
    validateGrantStatement(statement, new Set(this.statements.map((s) => s.sid)));
    this.statements.push(statement);
    const rendered = policyDocumentStatements(this.statements);
    if (!this.document) {
      this.document = new DataAwsIamPolicyDocument(this, 'Policy', { statement: rendered });
      new IamRolePolicy(this, 'RolePolicy', { name: 'least-privilege', role: this.role.id, policy: this.document.json });
    } else {
      this.document.putStatement(rendered);
    }
  }
}
