import { App, Testing, type TerraformStack } from 'cdktf';
import { stackJson } from '../../constructs/cdktf-internals';
import type { EnvironmentConfig } from '../../config/schema';
import { declareEnvironment, type EnvironmentStacks } from '../../stacks/environment-stacks';

/** Synthesized JSON of one stack, parsed. */
export type SynthJson = { resource?: Record<string, Record<string, any>>; data?: Record<string, Record<string, any>>; [k: string]: any };

/** Declares every stack of `config` in a test app, as main.ts does. */
export function declareForTest(config: EnvironmentConfig): { app: App; stacks: EnvironmentStacks } {
  const app = Testing.app();
  return { app, stacks: declareEnvironment(app, config) };
}

/**
 * `Testing.synth(stack, runValidations)` parsed, made in one pass (constructs/cdktf-internals/stack-json.ts says why):
 * the aspects run, validations only when asked, no `prepareStack`. Typed as loosely as `JSON.parse`'s result was.
 */
export function stackJsonOf(stack: TerraformStack, options: { validations?: boolean } = {}): any {
  return stackJson(stack, options.validations ?? false);
}

/** Synthesizes `stack` as `cdktf synth` does (prepared, validations run), as parsed JSON. */
export function synthJson(stack: TerraformStack): SynthJson {
  stack.prepareStack();
  return stackJsonOf(stack, { validations: true }) as SynthJson;
}

/** {@link synthJson} as the JSON string the cdktf jest matchers take. */
export function synthString(stack: TerraformStack): string {
  return JSON.stringify(synthJson(stack), null, 2);
}

/** Every resource of `type` in the synthesized stack, without cdktf's metadata. */
export function resourcesOf(json: SynthJson, type: string): Record<string, any>[] {
  return Object.values(json.resource?.[type] ?? {}).map(({ '//': _meta, ...rest }) => rest);
}

/** `${type.logicalId.attribute}` of the resource of `type` whose `field` equals `value`: a reference as Terraform sees it. */
export function refTo(json: SynthJson, type: string, field: string, value: unknown, attribute = 'id'): string {
  const entry = Object.entries(json.resource?.[type] ?? {}).find(([, body]) => body[field] === value);
  if (!entry) throw new Error(`no ${type} with ${field} = ${JSON.stringify(value)} in the synthesized stack`);
  return `\${${type}.${entry[0]}.${attribute}}`;
}
