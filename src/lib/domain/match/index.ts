export * from './deadline';
export * from './effects';
export * from './request-opens-match';
export * from './search-again';
export * from './search-step';
export * from './state';
export * from './manual';
