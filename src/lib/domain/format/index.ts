export * from './french';
