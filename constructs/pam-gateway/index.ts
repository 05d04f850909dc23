export * from './pam-gateway';
export * from './gateway-config';
