export * from './function-schedule';
