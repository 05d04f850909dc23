export * from './pam-project';
