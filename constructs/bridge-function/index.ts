export * from './bridge-function';
