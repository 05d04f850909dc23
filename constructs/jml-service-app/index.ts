export * from './jml-service-app';
export * from './permissions';
export * from './role-scope';
