// A partner's customers as the companion's screens see them (docs/partners.md, Customers and
// partner access): the views are the portal's own (shared/portal/partner-access.ts), passed on as
// they came, so the read-only view stays the portal's separate, masked one.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { AdministeredSystem, CustomerView, SharedSystems } from '../portal/partner-access.js';

/** A customer's number, as the list of customers gives it. */
export const CustomerId = z
  .number({ error: say('partners.customerIdFormat') })
  .int(say('partners.customerIdFormat'))
  .positive(say('partners.customerIdFormat'))
  .max(Number.MAX_SAFE_INTEGER, say('partners.customerIdFormat'));

export const CustomerList = z.array(CustomerView);
export const CustomerRegistrations = z.array(AdministeredSystem);
export type AdministeredSystem = z.infer<typeof AdministeredSystem>;

export { CustomerView, SharedSystems };
export type { CustomerView as Customer } from '../portal/partner-access.js';
export type { SharedServer, SharedSystem } from '../portal/partner-access.js';
