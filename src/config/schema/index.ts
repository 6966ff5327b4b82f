export * from './common.js';
export * from './message.js';
export * from './step.js';
export * from './number.js';
export * from './schedule.js';
export * from './shared-message.js';
export * from './settings.js';
