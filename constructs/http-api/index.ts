export * from './http-api';
