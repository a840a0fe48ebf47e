// The code formats' pure half: safe in the renderer (no Node, no DOM). The cryptographic half,
// which makes and verifies codes, is shared/node/codes.
export { ALPHABET } from './alphabet.js';
export { GROUP_DATA, GROUP_SIZE } from './check.js';
export { CODE_FAILURE_REASONS, type CodeFailure, type CodeFailureReason, type CodeResult } from './failure.js';
export { CODE_FORMATS, REGISTRATION_FORMAT, REQUEST_FORMAT, REQUEST_FORMAT_V1, REQUEST_FORMATS, TOKEN_FORMAT, type CodeFormat } from './formats.js';
export { CLOCK_SKEW_MS, dayNumber, dayStart, GRANT_KINDS, validityWindow, type Grant, type GrantKind } from './grant.js';
export { REQUEST_KINDS, requestKindOf, type RequestKind } from './request-layout.js';
export { checkGroups, identifyCode, readCode, readCodeIn, typingFormat, type BadCharacter, type GroupsCheck, type GroupState, type GroupStatus } from './typed.js';
