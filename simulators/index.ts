export * from './okta';
export * from './servicenow';
export { FaultInjector, type Fault, type FaultTarget } from './shared/faults';
export * from './opa';
