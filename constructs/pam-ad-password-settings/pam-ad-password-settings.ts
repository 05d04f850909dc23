import { Construct } from 'constructs';
import { Resource } from '../../.gen/providers/restful/resource';
import type { OpaRestApi } from '../opa-rest-api';

export interface AdPasswordPolicyProps {
  readonly rotationPeriodHours: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly characters: {
    readonly upperCase: boolean;
    readonly lowerCase: boolean;
    readonly digits: boolean;
    readonly punctuation: boolean;
    readonly excludeSymbols: readonly string[];
  };
}

export interface PamAdPasswordSettingsProps {
  readonly api: OpaRestApi;
  readonly resourceGroupId: string;
  readonly projectId: string;
  readonly passwords: AdPasswordPolicyProps;
  /** What destroy restores (rotation stays on). */
  readonly defaults: AdPasswordPolicyProps;
}

/** The `ActiveDirectoryPasswordPolicy` body: periodic rotation of every account of the project (selector ALL). */
export function adPasswordBody(passwords: AdPasswordPolicyProps): Record<string, unknown> {
  const { characters } = passwords;
  return {
    enable_periodic_rotation: true,
    periodic_rotation_account_selector_mode: 'ALL',
    periodic_rotation_duration_in_seconds: passwords.rotationPeriodHours * 3600,
    character_options: {
      upper_case: characters.upperCase,
      lower_case: characters.lowerCase,
      digits: characters.digits,
      punctuation: characters.punctuation,
      exclude_certain_symbols: [...characters.excludeSymbols],
    },
    min_length_in_bytes: passwords.minLength,
    max_length_in_bytes: passwords.maxLength,
  };
}

/**
 * A project's AD account password rotation and complexity: a singleton of the project, written with PUT
 * `…/projects/<p>/active_directory_password_settings` on create and update; destroy PUTs the defaults back.
 *
 * Baked in, with no switch: periodic rotation is on, for every account in the project.
 */
export class PamAdPasswordSettings extends Construct {
  public readonly resource: Resource;

  constructor(scope: Construct, id: string, props: PamAdPasswordSettingsProps) {
    super(scope, id);
    this.resource = new Resource(this, 'Resource', {
      provider: props.api.provider,
      path: `${props.api.teamPath}/resource_groups/${props.resourceGroupId}/projects/${props.projectId}/active_directory_password_settings`,
      createMethod: 'PUT',
      updateMethod: 'PUT',
      deleteMethod: 'PUT',
      body: adPasswordBody(props.passwords),
      deleteBody: adPasswordBody(props.defaults),
    });
  }
}
