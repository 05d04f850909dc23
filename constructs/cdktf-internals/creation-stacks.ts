/**
 * cdktf records a full, unlimited-depth stack trace for every token it creates (`Intrinsic`, `Lazy`, each
 * cross-stack `Reference`, complex attributes: `tokens/private/stack-trace.js`) and keeps it as `creationStack`,
 * which it reads in one place only: the message of an error thrown while resolving that token. Nothing of it reaches
 * the synthesized output (cdk.tf.json, manifest, assets). Capturing and formatting those traces took a fifth of the
 * CPU of a 30,000-resource synth and half of its heap (docs/benchmarks.md, section 1b).
 *
 * cdktf 0.21 has no switch for it: its `stackTraces: false` app option only drops the traces of annotations (which
 * do reach the manifest). Its fork cdktn (docs/cdktn-exit-plan.md) added one, the environment variable
 * `CDKTN_DISABLE_CREATION_STACK`, read by its `captureCreationStack`. Here the exported capture functions of that
 * module are replaced, which works under both: the token classes call them through the module object
 * (`(0, stack_trace_1.captureStackTrace)()`), and requiring the module's `cdktf/lib/...` path loads cdktn's file when
 * scripts/resolve-cdktf-as-cdktn.js is active.
 */

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
  /** cdktn only: what its token classes call (it honours CDKTN_DISABLE_CREATION_STACK). */
  captureCreationStack?: () => string[];
}

const framework = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;
const original = { captureStackTrace: framework.captureStackTrace, captureCreationStack: framework.captureCreationStack };

const noFrames = (): string[] => [];

/** Records token creation stacks in this process (`true`, cdktf's behaviour) or not (`false`). */
export function recordCreationStacks(record: boolean): void {
  framework.captureStackTrace = record ? original.captureStackTrace : noFrames;
  if (original.captureCreationStack) framework.captureCreationStack = record ? original.captureCreationStack : noFrames;
}
