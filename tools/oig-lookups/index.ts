export * from './discovery';
export * from './lookups';
export * from './okta-client';
export * from './dpop';
