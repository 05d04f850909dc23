export * from './pam-gateway';
