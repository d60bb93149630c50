export * from './constants.js';
export * from './ack.js';
export * from './domain.js';
export * from './visitor-events.js';
export * from './agent-events.js';
export * from './http-api.js';
export * from './contact.js';
