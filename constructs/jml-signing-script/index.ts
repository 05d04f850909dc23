export * from './jml-signing-script';
export * from './names';
export * from './script-source';
