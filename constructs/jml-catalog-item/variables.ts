import type { JmlAction } from '../../bridge/contract/actions';
import { JML_VARIABLE_NAMES, type JmlVariableField } from '../jml-signing-script/names';

/** The catalog variable types this item uses (display names the provider maps to `item_option_new.type` codes). */
export type JmlVariableType = 'Select Box' | 'Email' | 'Single Line Text' | 'Date';

/** Where a Select Box gets its choices from. */
export type ChoiceSource = 'actions' | 'departments' | 'roles';

export interface JmlVariableDefinition {
  readonly field: JmlVariableField;
  readonly name: string;
  readonly question: string;
  readonly type: JmlVariableType;
  readonly mandatory: boolean;
  readonly helpText: string;
  readonly choices?: ChoiceSource;
}

const FULL_PROFILE = 'Required for joiner, mover and rehire; leave empty for a leaver.';

/**
 * One variable per field of the bridge's JSON Schema that a requester provides (docs/jml-request.schema.json).
 * requestNumber, requestSysId, approvals and requestedBy come from the request item itself; `groups` is not
 * offered: server access is requested in Okta Identity Governance, not through this item.
 */
export const JML_VARIABLES: readonly JmlVariableDefinition[] = (
  [
    {
      field: 'action',
      question: 'Lifecycle action',
      type: 'Select Box',
      mandatory: true,
      choices: 'actions',
      helpText: 'Joiner: new hire. Mover: change of department or role. Leaver: departure. Rehire: a former employee returns.',
    },
    {
      field: 'login',
      question: 'Okta login (work e-mail)',
      type: 'Email',
      mandatory: true,
      helpText: 'The login of the person in Okta, usually the work e-mail address.',
    },
    { field: 'email', question: 'Work e-mail', type: 'Email', mandatory: false, helpText: FULL_PROFILE },
    { field: 'firstName', question: 'First name', type: 'Single Line Text', mandatory: false, helpText: FULL_PROFILE },
    { field: 'lastName', question: 'Last name', type: 'Single Line Text', mandatory: false, helpText: FULL_PROFILE },
    {
      field: 'employeeNumber',
      question: 'Employee number',
      type: 'Single Line Text',
      mandatory: true,
      helpText: 'The HR employee number (letters, digits and hyphens); Okta refuses to act on a user whose number differs.',
    },
    {
      field: 'department',
      question: 'Department',
      type: 'Select Box',
      mandatory: false,
      choices: 'departments',
      helpText: `Sets the Okta department and its birthright group. ${FULL_PROFILE}`,
    },
    {
      field: 'title',
      question: 'Role (job title)',
      type: 'Select Box',
      mandatory: false,
      choices: 'roles',
      helpText: `Sets the Okta title and its birthright role group. ${FULL_PROFILE}`,
    },
    { field: 'managerLogin', question: "Manager's Okta login", type: 'Email', mandatory: false, helpText: 'Optional: the Okta login of the manager.' },
    {
      field: 'effectiveDate',
      question: 'Effective date',
      type: 'Date',
      mandatory: true,
      helpText: 'The day the change applies (UTC). A future date stages it until that day.',
    },
  ] satisfies Omit<JmlVariableDefinition, 'name'>[]
).map((definition) => ({ ...definition, name: JML_VARIABLE_NAMES[definition.field] }));

/** Labels of the lifecycle actions; the choice values are the bridge's action names. */
export const ACTION_LABELS: Readonly<Record<JmlAction, string>> = {
  joiner: 'Joiner (new hire)',
  mover: 'Mover (department or role change)',
  leaver: 'Leaver (departure)',
  rehire: 'Rehire (returning employee)',
};
