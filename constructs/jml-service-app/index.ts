export * from './jml-service-app';
export * from './permissions';
