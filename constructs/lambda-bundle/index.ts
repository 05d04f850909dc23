export * from './bundle';
export * from './lambda-bundle';
