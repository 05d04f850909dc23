export * from './opa-rest-api';
export * from './ad-connection-lookup';
