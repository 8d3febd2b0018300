export * from './state';
export * from './events';
export * from './reduce';
export * from './view';
export * from './by-reference';
export * from './tally';
