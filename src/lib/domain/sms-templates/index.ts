export * from './conversation-texts';
export * from './format';
export * from './match-texts';
export * from './outbox-texts';
export * from './segments';
export * from './templates';
export * from './reminder-texts';
