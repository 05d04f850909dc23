import { resolvePlainDataDirectly } from './plain-resolve';
import { recordCreationStacks } from './creation-stacks';

export { cdktfResolve, discardingPreparedResults, resolvePlainDataFirst } from './plain-resolve';
export { recordCreationStacks } from './creation-stacks';
export { checkTerraformVersionsAgainst } from './terraform-version-checks';
export { stackJson } from './stack-json';

/**
 * The project's short cuts through cdktf internals, which make a large synth several times faster and leave its
 * output byte for byte the same (each module says why and how): token creation stacks are not recorded, and plain data
 * is copied before cdktf's resolver sees it (and not copied at all where cdktf discards it). Every stack applies them (stacks/base-stack.ts); `SYNTH_FAST_PATHS=0`
 * restores cdktf's own behaviour, for a resolution error that should say where its token was created, and for
 * `npm run bench -- synth-scale`'s "before".
 */
export function applySynthFastPaths(enabled = process.env.SYNTH_FAST_PATHS !== '0'): void {
  recordCreationStacks(!enabled);
  resolvePlainDataDirectly(enabled);
}
