import { Compliance, type GuardrailSubject, type RuleResult } from '../../rule';
import { isTrue } from '../../values';
import { namedId, opaAdObject, passwordSettingsOf, ruleLabel } from './opa-ad-accounts';
import { adRotationProblems } from './PamAdPasswordRotationBounded';

/**
 * Every managed AD account's password rotates: when OPA takes it over (`enable_initial_password_rotation`), and
 * periodically, by the AD password settings of the project the rule puts it in (declared in the same stack).
 */
export function PamAdAccountRotationOn(subject: GuardrailSubject): RuleResult {
  const object = opaAdObject(subject);
  if (object?.kind !== 'account-rule') return Compliance.NOT_APPLICABLE;
  const label = ruleLabel(object.body);
  const findings: string[] = [];
  if (!isTrue(object.body.enable_initial_password_rotation)) findings.push(`${label}/InitialRotation::off`);
  const project = namedId(object.body, 'project');
  const settings = project ? passwordSettingsOf(subject, project) : undefined;
  if (!settings) findings.push(`${label}/Project::${project ?? 'none'}/PasswordSettings::none`);
  else findings.push(...adRotationProblems(settings.body, `${label}/PasswordSettings`));
  return findings;
}
