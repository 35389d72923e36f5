export * from './figures';
export * from './grouped';
