import { Aspects, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { annotationsOf } from '../../../guardrails/annotations';
import { GuardrailPack, type RuleDefinition } from '../../../guardrails/pack';
import { serviceLimitRules } from '../../../guardrails/packs/service-limits';
import { OrgInventory } from '../../../guardrails/rules/limits/org-inventory';
import { stackJsonOf } from '../../helpers/synth';

/** The service-limits pack with only `ruleIds` (or given definitions), so one rule's findings never mask another's. */
class OnlyRules extends GuardrailPack {
  constructor(
    definitions: (inventory: OrgInventory) => RuleDefinition[],
    private readonly inventory = new OrgInventory(),
  ) {
    super('Test', definitions(inventory));
  }

  public override visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) this.inventory.index(node);
    super.visit(node);
  }
}

function messagesOf(stack: TerraformStack, ruleId: string): string[] {
  stackJsonOf(stack);
  return annotationsOf(stack)
    .filter((a) => a.message.startsWith(`[${ruleId}]`) && (a.level === 'error' || a.level === 'warning'))
    .map((a) => a.message);
}

/** Error and warning messages of the pack's `ruleId` on `stack` (aspects run by Testing.synth). */
export function findingsOf(stack: TerraformStack, ruleId: string): string[] {
  Aspects.of(stack).add(
    new OnlyRules((inventory) => {
      const definitions = serviceLimitRules(inventory.counts).filter((d) => d.id === ruleId);
      if (definitions.length !== 1) throw new Error(`unknown rule id ${ruleId}`);
      return definitions;
    }),
  );
  return messagesOf(stack, ruleId);
}

/** Messages of one ad-hoc definition built from the inventory, for rule factories tested with small limits. */
export function findingsOfDefinition(stack: TerraformStack, definition: (inventory: OrgInventory) => RuleDefinition): string[] {
  let id = '';
  Aspects.of(stack).add(new OnlyRules((inventory) => [definition(inventory)].map((d) => ((id = d.id), d))));
  return messagesOf(stack, id);
}
