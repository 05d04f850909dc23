import { Construct } from 'constructs';
import { DataServicenowServiceCatalog } from '../../.gen/providers/servicenow/data-servicenow-service-catalog';
import { QuestionChoice } from '../../.gen/providers/servicenow/question-choice';
import { Record as ServicenowRecord } from '../../.gen/providers/servicenow/record';
import { ServiceCatalog } from '../../.gen/providers/servicenow/service-catalog';
import { ServiceCatalogCategory } from '../../.gen/providers/servicenow/service-catalog-category';
import { ServiceCatalogItem } from '../../.gen/providers/servicenow/service-catalog-item';
import { ServiceCatalogVariable } from '../../.gen/providers/servicenow/service-catalog-variable';
import { JML_ACTIONS } from '../../bridge/contract/actions';
import type { JmlVariableField } from '../jml-signing-script/names';
import { ACTION_LABELS, type ChoiceSource, JML_VARIABLES } from './variables';

/** One option of a Select Box: `value` is what the variable stores, `text` what the requester sees. */
export interface CatalogChoice {
  readonly value: string;
  readonly text: string;
}

export interface JmlCatalogItemProps {
  /** The catalog: looked up by title when `existing`, declared otherwise. */
  readonly catalog: { readonly title: string; readonly existing: boolean };
  readonly category: { readonly title: string; readonly description: string };
  readonly item: { readonly name: string; readonly shortDescription: string; readonly description: string };
  /**
   * Department choices. The signing script sends the choice's text as `user.department`, so the text must be the
   * exact Okta profile value that the department group rule matches.
   */
  readonly departments: readonly CatalogChoice[];
  /** Role choices; the text is sent as `user.title`, which the role group rules match. */
  readonly roles: readonly CatalogChoice[];
  /** sys_ids of the roles whose holders may order the item (its "Available for" user criteria). */
  readonly requesterRoleIds: readonly string[];
}

/**
 * The catalog item users order lifecycle requests from: category, item, one variable per requester-provided field
 * of the bridge's JSON Schema, Select Box choices, and the user criteria that say who may order it.
 *
 * The provider has no resource for user criteria (docs/reference/servicenow-provider.md §P.3: the item has no "available for" field), so they
 * are `servicenow_record` rows on `user_criteria` and `sc_cat_item_user_criteria_mtom`; those table and column
 * names are platform knowledge, not from the reference, and should be checked against the instance's dictionary.
 */
export class JmlCatalogItem extends Construct {
  public readonly resource: ServiceCatalogItem;
  public readonly category: ServiceCatalogCategory;
  /** sys_id of the catalog the item is published in. */
  public readonly catalogId: string;
  public readonly variables: Readonly<Record<JmlVariableField, ServiceCatalogVariable>>;
  /** The choices of each Select Box, by variable field. */
  public readonly choices: Readonly<Partial<Record<JmlVariableField, readonly QuestionChoice[]>>>;

  constructor(scope: Construct, id: string, props: JmlCatalogItemProps) {
    super(scope, id);
    validateChoices(props);
    this.catalogId = props.catalog.existing
      ? new DataServicenowServiceCatalog(this, 'Catalog', { title: props.catalog.title }).id
      : new ServiceCatalog(this, 'Catalog', {
          title: props.catalog.title,
          description: 'Requests handled by the identity platform. Managed by Terraform.',
        }).id;
    this.category = new ServiceCatalogCategory(this, 'Category', {
      title: props.category.title,
      description: props.category.description,
      catalog: this.catalogId,
    });
    this.resource = new ServiceCatalogItem(this, 'Resource', {
      name: props.item.name,
      shortDescription: props.item.shortDescription,
      description: props.item.description,
      category: this.category.id,
      serviceCatalogs: this.catalogId,
      // One person per request: quantity and cart make no sense for a lifecycle change.
      noQuantity: true,
      noCart: true,
      noWishlist: true,
    });

    const sources: Record<ChoiceSource, readonly CatalogChoice[]> = {
      actions: JML_ACTIONS.map((action) => ({ value: action, text: ACTION_LABELS[action] })),
      departments: props.departments,
      roles: props.roles,
    };
    const variables: Partial<Record<JmlVariableField, ServiceCatalogVariable>> = {};
    const choices: Partial<Record<JmlVariableField, QuestionChoice[]>> = {};
    JML_VARIABLES.forEach((definition, index) => {
      const variable = new ServiceCatalogVariable(this, `Variable-${definition.name}`, {
        name: definition.name,
        question: definition.question,
        type: definition.type,
        mandatory: definition.mandatory,
        helpText: definition.helpText,
        showHelp: true,
        order: String((index + 1) * 100),
        catalogItem: this.resource.id,
      });
      variables[definition.field] = variable;
      if (definition.choices) {
        choices[definition.field] = sources[definition.choices].map(
          (choice, choiceIndex) =>
            new QuestionChoice(variable, `Choice-${choice.value}`, {
              question: variable.id,
              value: choice.value,
              text: choice.text,
              order: String((choiceIndex + 1) * 100),
            }),
        );
      }
    });
    this.variables = variables as Record<JmlVariableField, ServiceCatalogVariable>;
    this.choices = choices;

    const criteria = new ServicenowRecord(this, 'Requesters', {
      table: 'user_criteria',
      fields: {
        name: `${props.item.name}: requesters`,
        role: props.requesterRoleIds.join(','),
        match_all: 'false',
        active: 'true',
      },
    });
    new ServicenowRecord(this, 'AvailableFor', {
      table: 'sc_cat_item_user_criteria_mtom',
      fields: { sc_cat_item: this.resource.id, user_criteria: criteria.id },
    });
  }
}

/** Choice values become construct ids and `question_choice.value`: they must be unique and non-empty. */
function validateChoices(props: JmlCatalogItemProps): void {
  const problems: string[] = [];
  for (const [what, list] of [
    ['departments', props.departments],
    ['roles', props.roles],
  ] as const) {
    if (list.length === 0) {
      problems.push(`${what} has no choices; the item needs at least one`);
    }
    const seen = new Set<string>();
    for (const choice of list) {
      if (seen.has(choice.value)) {
        problems.push(`${what} has the choice value "${choice.value}" twice; give each choice a unique value`);
      }
      seen.add(choice.value);
    }
  }
  if (props.requesterRoleIds.length === 0) {
    problems.push('requesterRoleIds is empty, so nobody could order the item; pass at least one role');
  }
  if (problems.length > 0) {
    throw new Error(`JmlCatalogItem initialization failed due to the following validation error(s):\n- ${problems.join('\n- ')}`);
  }
}
