export * from './feed-names.js';
export * from './limits.js';
export * from './frames.js';
export * from './feed-data.js';
export * from './vehicle-frame.js';
export * from './incident.js';
