export * from './pam-ad-connection';
