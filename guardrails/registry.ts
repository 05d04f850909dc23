import type { TerraformStack } from 'cdktf';
import type { GuardrailPack } from './pack';

/**
 * Stacks a GuardedApp will judge after synthesis, with the packs enrolled on each by their Aspects. A stack that is
 * not here is judged by each pack as its Aspect visits it.
 */
export const guardedPacks = new WeakMap<TerraformStack, GuardrailPack[]>();
