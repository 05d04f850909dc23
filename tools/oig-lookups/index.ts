export * from './discovery';
export * from '../../config/oig-lookups';
export * from './okta-client';
export * from './dpop';
