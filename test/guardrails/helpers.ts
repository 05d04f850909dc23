import { Aspects, LocalBackend, TerraformDataSource, TerraformResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { annotationsOf, type CollectedAnnotation } from '../../guardrails/annotations';
import { GuardrailPack, type GuardrailPackProps } from '../../guardrails/pack';
import { LEAST_PRIVILEGE_RULES } from '../../guardrails/packs/least-privilege';
import { stackJsonOf } from '../helpers/synth';

/** What a rule test expects of the rule on the fixture stack. */
export enum TestType {
  /** The rule reports nothing. */
  COMPLIANCE = 'COMPLIANCE',
  /** The rule reports at least one finding. */
  NON_COMPLIANCE = 'NON_COMPLIANCE',
  /** The rule throws, which the pack reports as "could not be evaluated". */
  ERROR = 'ERROR',
}

/** A pack with only the rules under test, so one rule's findings never mask another's. */
export class TestPack extends GuardrailPack {
  constructor(ruleIds: readonly string[], props: GuardrailPackProps = {}) {
    const definitions = LEAST_PRIVILEGE_RULES.filter((d) => ruleIds.includes(d.id));
    if (definitions.length !== ruleIds.length) throw new Error(`unknown rule id in ${ruleIds.join(', ')}`);
    super('Test', definitions, props);
  }
}

/** An empty stack with a local backend, in a test app. */
export function fixtureStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'fixture');
  new LocalBackend(stack, { path: 'fixture.tfstate' });
  return stack;
}

/** Sets each attribute with `addOverride`, as a generated binding would synthesize it (snake_case). */
function withAttributes<T extends TerraformResource | TerraformDataSource>(element: T, attributes: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(attributes)) element.addOverride(key, value);
  return element;
}

/** A resource of any provider type, declared without its binding class. */
export function rawResource(scope: Construct, id: string, type: string, attributes: Record<string, unknown>): TerraformResource {
  return withAttributes(new TerraformResource(scope, id, { terraformResourceType: type }), attributes);
}

/** A data source of any provider type, declared without its binding class. */
export function rawData(scope: Construct, id: string, type: string, attributes: Record<string, unknown>): TerraformDataSource {
  return withAttributes(new TerraformDataSource(scope, id, { terraformResourceType: type }), attributes);
}

/** Applies `ruleId` alone to `stack` and returns its annotations. */
export function runRule(stack: TerraformStack, ruleId: string, props: GuardrailPackProps = {}): CollectedAnnotation[] {
  Aspects.of(stack).add(new TestPack([ruleId], props));
  stackJsonOf(stack);
  return annotationsOf(stack).filter((a) => a.message.startsWith(`[${ruleId}]`));
}

/** Asserts the outcome of `ruleId` on `stack`; returns the matching annotations for finer assertions. */
export function validate(stack: TerraformStack, ruleId: string, type: TestType, props: GuardrailPackProps = {}): CollectedAnnotation[] {
  const found = runRule(stack, ruleId, props);
  const failures = found.filter((a) => a.level === 'error' || a.level === 'warning');
  if (type === TestType.COMPLIANCE) expect(failures).toEqual([]);
  if (type === TestType.NON_COMPLIANCE) {
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((a) => !a.message.includes('could not be evaluated'))).toBe(true);
  }
  if (type === TestType.ERROR) expect(failures.some((a) => a.message.includes('could not be evaluated'))).toBe(true);
  return failures;
}
