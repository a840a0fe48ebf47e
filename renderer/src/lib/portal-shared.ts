// The renderer-safe half of shared/portal (zod only: the form's schemas and lists, the account
// kinds), re-exported for the screens. The lint rule that keeps the portal *service* out of the
// renderer matches any path with a `portal` folder, shared/portal included; this one module is
// the documented exception, so the rest of the renderer keeps the rule as it is.
/* eslint-disable no-restricted-imports */
export { BUSINESS_SEGMENTS, ConsentInput, Installation, SITE_TYPES, SiteAdministrator, SYSTEM_APPLICATIONS, Warranty } from '../../../shared/portal/fields.js';
export { isIntegrator } from '../../../shared/portal/accounts.js';
export type { IssuedCode } from '../../../shared/portal/codes.js';
export type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
