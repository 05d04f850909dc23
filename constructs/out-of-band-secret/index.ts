export * from './out-of-band-secret';
