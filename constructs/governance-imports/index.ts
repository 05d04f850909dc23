export * from './governance-imports';
