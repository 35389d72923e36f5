export * from './deadline';
export * from './state';
