export * from './jml-catalog-item';
export * from './variables';
