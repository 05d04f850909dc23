export * from './pam-resource-group';
