export * from './lifecycle-event-hook';
