export * from './message';
export * from './state';
export * from './quiet-hours';
