import { JML_VARIABLE_NAMES } from '../../constructs/jml-signing-script/names';
import type { EnvironmentConfig } from '../../config/schema';
import { departmentChoices, roleChoices } from '../../stacks/servicenow-stack';
import type { Findings } from './report';
import type { ServiceNowReader } from './servicenow-read';

/**
 * The catalog item's department and role choices are generated from `identity` (value = key, text = the exact
 * profile value the group rule matches). Compares them with the choices the instance has: a changed text is
 * rewritten by the first apply, a choice the config does not generate is left in place but no longer managed.
 */
export async function checkCatalogChoices(reader: ServiceNowReader, itemId: string, config: EnvironmentConfig, findings: Findings): Promise<void> {
  const wanted: [string, { value: string; text: string }[]][] = [
    [JML_VARIABLE_NAMES.department, departmentChoices(config)],
    [JML_VARIABLE_NAMES.title, roleChoices(config)],
  ];
  for (const [name, choices] of wanted) {
    const [variable] = await reader.query('item_option_new', `cat_item=${itemId}^name=${name}`);
    if (!variable) continue;
    for (const existing of await reader.query('question_choice', `question=${variable.sys_id}`)) {
      const object = `catalog choice ${name}="${existing.value}" (${existing.sys_id})`;
      const match = choices.find((choice) => choice.value === existing.value);
      if (!match) findings.add('not-managed', object, 'no department or role has this key; the choice stays in the instance, outside Terraform');
      else if (match.text !== existing.text)
        findings.add('changed', object, `text "${existing.text}" becomes "${match.text}" (the exact value the Okta group rule matches)`);
    }
  }
}
