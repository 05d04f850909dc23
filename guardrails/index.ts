export * from './annotations';
export * from './pack';
export * from './packs/least-privilege';
export * from './report';
export * from './rule';
export * from './suppressions';
export * from './requestable';
