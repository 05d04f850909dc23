export * from './bridge-rest-message';
