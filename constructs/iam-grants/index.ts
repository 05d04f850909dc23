export * from './grantable';
export * from './sid';
