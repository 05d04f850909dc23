export * from './locked-bucket';
export * from './scoped-role';
