export * from './session-recording-storage';
