export * from './okta';
export * from './servicenow';
export { FaultInjector, type Fault, type FaultTarget } from './http-kit/faults';
export { OpaState, startOpaSimulator, type OpaSimulator, type OpaSimulatorOptions } from './opa';
