export * from './message';
export * from './state';
