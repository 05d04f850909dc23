export * from './okta-expression';
