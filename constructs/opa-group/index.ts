export * from './opa-group';
