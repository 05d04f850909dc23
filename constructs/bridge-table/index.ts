export * from './bridge-table';
