import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Construct } from 'constructs';
import type { EncryptionKey } from '../encryption-key';
import { sidFor, type IGrantable } from '../iam-grants';

export interface OutOfBandSecretProps {
  /** Full secret name, e.g. `jml-bridge/example/webhook-signing-secret`. */
  readonly secretName: string;
  /** Says what the value is and how to set it, for whoever opens the console. */
  readonly description: string;
  readonly encryptionKey: EncryptionKey;
  /**
   * Days Secrets Manager keeps a deleted secret recoverable.
   * @default 30
   */
  readonly recoveryWindowDays?: number;
}

/**
 * A Secrets Manager secret declared without a value: no `aws_secretsmanager_secret_version` exists, so the value
 * never passes through Terraform configuration, plan or state. An operator sets it out of band
 * (`aws secretsmanager put-secret-value`), and the functions read it at start-up by ARN.
 */
export class OutOfBandSecret extends Construct {
  public readonly resource: SecretsmanagerSecret;
  public readonly secretArn: string;
  private readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: OutOfBandSecretProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.resource = new SecretsmanagerSecret(this, 'Resource', {
      name: props.secretName,
      description: props.description,
      kmsKeyId: props.encryptionKey.keyArn,
      recoveryWindowInDays: props.recoveryWindowDays ?? 30,
    });
    this.secretArn = this.resource.arn;
  }

  /**
   * Lets `grantee` read the current value: `secretsmanager:GetSecretValue` on this secret, and `kms:Decrypt` on its
   * key through Secrets Manager only.
   */
  public grantRead(grantee: IGrantable): void {
    grantee.addToPrincipalPolicy({ sid: sidFor(this, 'Read'), actions: ['secretsmanager:GetSecretValue'], resources: [this.secretArn] });
    this.encryptionKey.grantUseVia(grantee, 'secretsmanager', ['kms:Decrypt'], sidFor(this, 'Decrypt'));
  }
}
