export { say, templateOf, type MessageKey, type MessageParams } from './say.js';
export { recognise, type Recognised } from './recognise.js';
export { MESSAGES } from './catalog.js';
