export { startServiceNowSimulator, type ServiceNowSimulator, type JournalEntry } from './simulator';
export type { ServiceNowSimulatorOptions, ServiceNowUser, ServiceNowOAuthClient } from './options';
export type { ServiceNowRequestRecord } from './server';
