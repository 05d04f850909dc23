import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import { policyDocumentStatements, validateGrantStatement, type GrantStatement, type IGrantable } from '../iam-grants';
import { LambdaBundle, type BundleOptions } from '../lambda-bundle';

/** The current Node.js Lambda runtime; the bundles target the same Node version. */
export const NODE_RUNTIME = 'nodejs22.x';

export interface BridgeFunctionProps {
  readonly functionName: string;
  readonly description: string;
  /** The handler module; it must export `handler`. */
  readonly entry: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly logRetentionDays: number;
  /**
   * Plain configuration; never a secret value (pass secret ARNs and grant read access instead).
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Concurrent executions reserved for (and capping) this function.
   * @default - none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Start Node with `--enable-source-maps`, so stack traces point at the TypeScript sources. The map ships in the
   * bundle either way; enabling it makes Node parse it when the bundle loads (about 25 ms more CPU per cold start
   * of the intake, README).
   * @default false
   */
  readonly enableSourceMaps?: boolean;
  /** @default - bundle defaults: repository root, nothing external */
  readonly bundling?: Omit<BundleOptions, 'entry'>;
}

/**
 * One bridge Lambda function with everything it owns: its bundle, its own IAM role, its log group and its policy.
 *
 * Baked in: Node.js 22 on arm64 (cheaper per GB-second, and the bundle is pure JavaScript), a source map in the
 * bundle (enabled at run time on request), plain-text log format into a log group with retention, and a role that can do nothing but write
 * its own logs until a grant helper adds to it. All grants land in a single inline policy generated from
 * `aws_iam_policy_document` statements, so the role's permissions are readable in one place.
 */
export class BridgeFunction extends Construct implements IGrantable {
  public readonly resource: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly code: LambdaBundle;
  public readonly functionName: string;
  public readonly functionArn: string;
  public readonly invokeArn: string;
  private readonly statements: GrantStatement[] = [];
  private policyDocument?: DataAwsIamPolicyDocument;
  private policy?: IamRolePolicy;
  private readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: BridgeFunctionProps) {
    super(scope, id);
    if (props.environment?.NODE_OPTIONS) {
      throw new Error(`function ${props.functionName}: NODE_OPTIONS is owned by BridgeFunction; use enableSourceMaps instead of setting it in environment`);
    }
    this.code = new LambdaBundle(this, 'Code', { ...props.bundling, entry: props.entry });

    const assumeRole = new DataAwsIamPolicyDocument(this, 'AssumeRolePolicy', {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
    });
    this.role = new IamRole(this, 'Role', {
      name: props.functionName,
      description: `Execution role of ${props.functionName}; grants come only from the bridge stack's grant helpers.`,
      assumeRolePolicy: assumeRole.json,
    });

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    this.environment = { ...(props.enableSourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}), ...props.environment };
    this.resource = new LambdaFunction(this, 'Resource', {
      functionName: props.functionName,
      description: props.description,
      role: this.role.arn,
      runtime: NODE_RUNTIME,
      architectures: ['arm64'],
      handler: 'index.handler',
      filename: this.code.path,
      sourceCodeHash: this.code.assetHash,
      memorySize: props.memoryMb,
      timeout: props.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { variables: this.environment },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
    });
    this.functionName = this.resource.functionName;
    this.functionArn = this.resource.arn;
    this.invokeArn = this.resource.invokeArn;

    // `<log group arn>:*` is the form Lambda's own basic execution policy uses: IAM evaluates CreateLogStream
    // against the log group and PutLogEvents against its streams, and this one pattern matches both.
    this.addToPrincipalPolicy({
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${this.logGroup.arn}:*`],
    });
  }

  /** Adds one variable of plain configuration; refuses to overwrite one already set. */
  public addEnvironment(name: string, value: string): void {
    if (name in this.environment) {
      throw new Error(`function ${this.node.id}: environment variable ${name} is already set; set each variable once`);
    }
    this.environment[name] = value;
    this.resource.putEnvironment({ variables: { ...this.environment } });
  }

  /** The statements granted so far, in order: what the role may do, for tests and reviews. */
  public get grantStatements(): readonly GrantStatement[] {
    return [...this.statements];
  }

  public addToPrincipalPolicy(statement: GrantStatement): void {
    validateGrantStatement(statement, new Set(this.statements.map((s) => s.sid)));
    this.statements.push(statement);
    const rendered = policyDocumentStatements(this.statements);
    if (this.policyDocument) {
      this.policyDocument.putStatement(rendered);
      return;
    }
    this.policyDocument = new DataAwsIamPolicyDocument(this, 'Policy', { statement: rendered });
    this.policy = new IamRolePolicy(this, 'RolePolicy', { name: 'least-privilege', role: this.role.id, policy: this.policyDocument.json });
  }

  /**
   * The role's inline policy. Resources that AWS validates against the role when they are created (an SQS event
   * source mapping checks `sqs:ReceiveMessage`) depend on it.
   */
  public get rolePolicy(): IamRolePolicy {
    if (!this.policy) throw new Error(`function ${this.node.id} has no policy yet`);
    return this.policy;
  }
}
