import { Construct } from 'constructs';
import { ResourceGroup } from '../../.gen/providers/oktapam/resource-group';
import { PamProject, type PamProjectProps } from '../pam-project';

export interface PamResourceGroupProps {
  readonly name: string;
  readonly description: string;
  /** OPA group ids of the delegated resource admins. */
  readonly delegatedAdminGroupIds: readonly string[];
  /** Projects by key; the key is the construct id, so renaming one replaces the project. */
  readonly projects: Readonly<Record<string, Omit<PamProjectProps, 'resourceGroupId'>>>;
}

/** An OPA resource group (one entitlement domain) administered by delegated groups, and its projects. */
export class PamResourceGroup extends Construct {
  public readonly resource: ResourceGroup;
  public readonly resourceGroupId: string;
  public readonly projects: Readonly<Record<string, PamProject>>;

  constructor(scope: Construct, id: string, props: PamResourceGroupProps) {
    super(scope, id);
    this.resource = new ResourceGroup(this, 'Resource', {
      name: props.name,
      description: props.description,
      delegatedResourceAdminGroups: [...props.delegatedAdminGroupIds],
    });
    this.resourceGroupId = this.resource.id;
    const projects: Record<string, PamProject> = {};
    for (const [key, project] of Object.entries(props.projects)) {
      projects[key] = new PamProject(this, `Project-${key}`, { ...project, resourceGroupId: this.resourceGroupId });
    }
    this.projects = projects;
  }
}
