import { Construct } from 'constructs';
import { RequestSequence } from '../../.gen/providers/okta-oig/request-sequence';
import { RequestSettingResource } from '../../.gen/providers/okta-oig/request-setting-resource';

export interface ImportedRequestSequenceProps {
  /** Okta id of the resource (app) the sequence belongs to. */
  readonly resourceId: string;
  /** The 24-character sequence id, from the discovery lookup file. */
  readonly sequenceId: string;
}

/**
 * An approval (request) sequence made by hand in Okta Access Requests, brought into state with an import block.
 *
 * okta/okta can read and delete a sequence but not create one (its Create only warns). Importing it makes plan
 * fail early when the id does not exist on the resource, and shows drift if someone deletes it. `prevent_destroy`
 * is set because destroying the stack would otherwise delete a sequence Terraform can never recreate: to retire
 * the stack, `terraform state rm` the sequences first.
 */
export class ImportedRequestSequence extends Construct {
  public readonly resource: RequestSequence;
  /** The sequence id, as a reference to the imported resource (so conditions depend on it). */
  public readonly sequenceId: string;

  constructor(scope: Construct, id: string, props: ImportedRequestSequenceProps) {
    super(scope, id);
    this.resource = new RequestSequence(this, 'Resource', {
      id: props.sequenceId,
      resourceId: props.resourceId,
      lifecycle: { preventDestroy: true },
    });
    // Import ID format `<resource_id>/<sequence_id>` (provider reference, okta_request_sequence import).
    this.resource.importFrom(`${props.resourceId}/${props.sequenceId}`);
    this.sequenceId = this.resource.id;
  }
}

export interface ImportedRequestSettingsProps {
  readonly resourceId: string;
  /** Whether a requester may request the resource for someone else. */
  readonly requestOnBehalfOf: boolean;
}

/**
 * The Access Requests settings of one resource, imported (they always exist; the provider cannot create or
 * delete them) and then managed by update. Destroying the stack only forgets them.
 */
export class ImportedRequestSettings extends Construct {
  public readonly resource: RequestSettingResource;

  constructor(scope: Construct, id: string, props: ImportedRequestSettingsProps) {
    super(scope, id);
    this.resource = new RequestSettingResource(this, 'Resource', {
      id: props.resourceId,
      requestOnBehalfOfSettings: { allowed: props.requestOnBehalfOf },
    });
    this.resource.importFrom(props.resourceId);
  }
}
