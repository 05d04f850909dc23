export * from './pam-ad-rule-settings';
