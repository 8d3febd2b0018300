export * from './state';
export * from './events';
export * from './timeline';
export * from './reduce';
export * from './view';
