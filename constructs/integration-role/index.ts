export * from './integration-role';
