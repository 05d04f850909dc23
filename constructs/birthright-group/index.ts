export * from './birthright-group';
