// The code formats' cryptographic half (node:crypto only): making and reading request codes, issuing
// and verifying Registration codes and signed tokens, the inventory MAC, and the keys behind them.
export { replacedIdDigest, replacedIdMatches, serverSetMatches, systemIdMatches } from './digests.js';
export { formatInventoryMac, inventoryBytes, inventoryMac, parseInventoryMac, readInventory, verifyInventoryMac, type InventoryMac } from './inventory-mac.js';
export * from './keys.js';
export { createRegistrationVerifier, issueRegistrationCode, verifyRegistrationCode, type CheckInput, type IssueInput, type RegistrationVerifier, type VerifierInput } from './registration-code.js';
export { createRequestCode, decodeRequestCode, type RequestCode, type RequestInput } from './request-code.js';
export { formatRequestFile, parseRequestFile, REQUEST_FILE_HEADER, REQUEST_FILE_MAX_BYTES, requestFileHeader, type RequestFile, type RequestFileInventory } from './request-file.js';
export { requestQrSvg } from './request-qr.js';
export { signToken, verifyToken, type SignInput, type TokenCheckInput } from './token.js';
