import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * The step of every synth before a stack becomes JSON: running the aspects (the guardrail packs are aspects). cdktf
 * exports it from `cdktf/lib/synthesize/synthesizer`, not from the package index (cdktn keeps the same path).
 */
const framework = require('cdktf/lib/synthesize/synthesizer') as { invokeAspects(root: IConstruct): void };

/**
 * What `JSON.parse(Testing.synth(stack, runValidations))` gives: the stack's Terraform JSON, aspects run, every `//`
 * metadata key removed. `Testing.synth` builds its copy by spreading the object built so far once per key, which is
 * quadratic in the keys of one object: a test stack with 2,000 group rules spent seconds in it, and the suite's
 * stack tests a tenth of their CPU. This makes the same copy in one pass and skips the text in between.
 * test/constructs/cdktf-internals.test.ts compares the two on every stack of the example, under cdktf and cdktn.
 */
export function stackJson(stack: TerraformStack, runValidations = false): Record<string, unknown> {
  framework.invokeAspects(stack);
  if (runValidations) stack.runAllValidations();
  return asParsedJson(stack.toTerraform()) as Record<string, unknown>;
}

/**
 * A copy of `value` as JSON text would carry it back, without `//` keys: object keys in sorted order, `undefined`
 * and functions left out of objects and `null` in arrays, non-finite numbers `null`, `-0` as `0` (`+ 0` makes it so),
 * and `toJSON` applied.
 */
export function asParsedJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return asParsedJson(withJson.toJSON());
  if (Array.isArray(value))
    return value.map((item) => (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : asParsedJson(item)));
  const copy: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (key === '//' || item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    copy[key] = asParsedJson(item);
  }
  return copy;
}
