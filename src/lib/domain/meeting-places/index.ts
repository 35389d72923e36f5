export * from './parse';
export * from './choose';
