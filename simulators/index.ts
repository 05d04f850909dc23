export * from './okta';
