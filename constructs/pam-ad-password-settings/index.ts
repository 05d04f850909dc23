export * from './pam-ad-password-settings';
