export * from './state';
export * from './events';
export * from './notice-key';
export * from './timeline';
export * from './reduce';
export * from './view';
export * from './series';
export * from './moves';
