export * from './adopted-imports';
export * from './logical-key';
