export * from './pam-ad-rule-order';
