export { startOpaSimulator, type OpaSimulator } from './simulator';
export type { OpaSimulatorOptions } from './options';
export { OpaState } from './state';
export type * from './model';
