import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import type { GrantStatement, IGrantable } from '../iam-grants';

export interface EncryptionKeyProps {
  /** The alias without `alias/`, e.g. `jml-bridge-example`. */
  readonly alias: string;
  readonly description: string;
  /** Region of the services that use the key, for the `kms:ViaService` condition of every grant. */
  readonly region: string;
}

/**
 * A customer-managed KMS key with yearly rotation and a 30-day deletion window.
 *
 * The key policy is KMS's default (the account administers it through IAM); functions receive use of it only
 * through {@link grantUseVia}, so each can use it solely through the one AWS service that stores its data.
 */
export class EncryptionKey extends Construct {
  public readonly resource: KmsKey;
  public readonly keyArn: string;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    this.region = props.region;
    this.resource = new KmsKey(this, 'Resource', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    new KmsAlias(this, 'Alias', { name: `alias/${props.alias}`, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
  }

  /**
   * Lets `grantee` call `actions` on this key only when `service` (e.g. `dynamodb`) calls KMS on its behalf.
   * Used by the grant helpers of the resources this key encrypts; `sid` names the purpose.
   */
  public grantUseVia(grantee: IGrantable, service: string, actions: readonly string[], sid: string): void {
    const statement: GrantStatement = {
      sid,
      actions,
      resources: [this.keyArn],
      conditions: [{ test: 'StringEquals', variable: 'kms:ViaService', values: [`${service}.${this.region}.amazonaws.com`] }],
    };
    grantee.addToPrincipalPolicy(statement);
  }
}
