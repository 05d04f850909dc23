/**
 * The bridge's contract with the infrastructure that deploys it: plain data and pure functions only (no AWS SDK, no
 * zod, no handler code), so the stacks import it without loading the bridge. See docs/boundaries.md.
 */
export * from './actions';
export * from './env-names';
export * from './limits';
export * from './manifest';
export * from './resources';
export * from './routes';
export * from './scopes';
export * from './sections';
export * from './table';
export * from './managed-groups';
export * from './seal-keys';
