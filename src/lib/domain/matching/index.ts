export * from './candidate';
export * from './context';
export * from './find-candidates';
export * from './geo';
export * from './score';
export * from './settings';
export * from './trip-index';
export * from './types';
