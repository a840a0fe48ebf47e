export * from './names.js';
export * from './result.js';
export * from './schemas.js';
export type { CompanionApi } from './api.js';
