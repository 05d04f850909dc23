export * from './request-condition-chain';
