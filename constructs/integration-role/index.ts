export * from './integration-role';
export * from './servicenow-acl';
