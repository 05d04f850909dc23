export * from './bridge-alarms';
