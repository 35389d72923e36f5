export * from './access';
export * from './fields';
export * from './inputs';
export * from './parse';
export * from './phone';
export * from './schemas';
export * from './time';
export * from './worker-docs';
