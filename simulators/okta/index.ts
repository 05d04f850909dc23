export { startOktaSimulator, type OktaSimulator, type UserSeed } from './simulator';
export type { OktaSimulatorOptions, OktaClientRegistration, GroupSeed, AppSeed, RequestSequenceSeed } from './options';
export { EVENT_HOOK_ELIGIBLE_TYPES, type EventHookRegistration, type EventHookDelivery } from './event-hooks';
export { FlowError, type FlowRegistration, type FlowInput, type FlowContext, type RawFlowResult, type FlowExecution } from './workflows';
export { WORKFORCE_LIMITS, type RateLimitBucket, type RateLimitOptions } from './rate-limiter';
export { OktaApiError } from './errors';
export type { LogEvent, UserStatus, OperationContext } from './model';
export type { Directory } from './directory';
