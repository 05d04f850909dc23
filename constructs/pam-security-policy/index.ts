export * from './pam-security-policy';
export * from './privileges';
export { MAX_RULES } from './validate-props';
