import { EventHook } from '@cdktf/provider-okta/lib/event-hook';
import { Construct } from 'constructs';

/**
 * The event-hook-eligible event types that confirm (or reveal outside changes to) what the bridge does:
 * user lifecycle, profile updates and group membership. `group.user_membership.rule.*` is not hook-eligible.
 */
export const LIFECYCLE_EVENT_TYPES = [
  'user.lifecycle.create',
  'user.lifecycle.activate',
  'user.lifecycle.deactivate',
  'user.lifecycle.suspend',
  'user.lifecycle.unsuspend',
  'user.lifecycle.reactivate',
  'user.account.update_profile',
  'group.user_membership.add',
  'group.user_membership.remove',
] as const;

export interface LifecycleEventHookProps {
  readonly name: string;
  /** The bridge's event-hook endpoint; must be https. */
  readonly url: string;
  /** Value of the `Authorization` header Okta sends; a sensitive variable, never a literal. */
  readonly authorizationSecret: string;
}

/**
 * An Okta event hook that delivers lifecycle and membership events to the bridge, closing the golden thread.
 *
 * Okta event hooks carry no payload signature; the shared header secret is their only authentication, so it
 * comes from a sensitive Terraform variable and is compared in constant time by the bridge.
 */
export class LifecycleEventHook extends Construct {
  public readonly resource: EventHook;
  public readonly eventHookId: string;

  constructor(scope: Construct, id: string, props: LifecycleEventHookProps) {
    super(scope, id);
    this.resource = new EventHook(this, 'Resource', {
      name: props.name,
      status: 'ACTIVE',
      events: [...LIFECYCLE_EVENT_TYPES],
      channel: { type: 'HTTP', version: '1.0.0', uri: props.url },
      auth: { type: 'HEADER', key: 'Authorization', value: props.authorizationSecret },
    });
    this.eventHookId = this.resource.id;
  }
}
