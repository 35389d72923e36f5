export * from './figures';
export * from './grouped';
export * from './settings';
