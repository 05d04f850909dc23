export * from './grantable';
export * from './sid';
export * from './policy-statements';
