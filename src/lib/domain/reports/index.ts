export * from './csv';
export * from './open-data';
export * from './people';
export * from './prefect';
export * from './registry';
export * from './rides';
