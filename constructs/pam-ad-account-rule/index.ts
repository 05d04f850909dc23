export * from './pam-ad-account-rule';
