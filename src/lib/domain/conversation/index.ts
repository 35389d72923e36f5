export * from './read-inbound';
export * from './second-reads';
export * from './types';
