// What the screens use of shared/portal (zod only: the form's schemas and lists, the account
// kinds, the answers' types), in one place.
export { BUSINESS_SEGMENTS, ConsentInput, Installation, SITE_TYPES, SiteAdministrator, SYSTEM_APPLICATIONS, Warranty } from '../../../shared/portal/fields.js';
export { isIntegrator } from '../../../shared/portal/accounts.js';
export type { IssuedCode } from '../../../shared/portal/codes.js';
export type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
