export * from './conversation-texts';
export * from './format';
export * from './segments';
export * from './templates';
