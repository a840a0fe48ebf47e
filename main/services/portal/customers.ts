// A partner's customers, through the Portal screen's session (docs/partners.md, Customers and
// partner access): the customers that gave the partner's organization access, with the access
// level; one customer's systems in the portal's read-only view (masked, no System ID); and with
// Administrator access the customer's registrations by System ID and one registration in full.
// The portal checks the access as it is on every request: a revoked partner gets the portal's 403,
// which comes through as the contract's `forbidden` with the portal's message.
import type { CustomerView, SharedSystems } from '../../../shared/portal/partner-access.js';
import type { RegistrationView } from '../../../shared/portal/systems.js';
import type { PortalAnswer } from './portal-client.js';
import type { PortalService } from './portal-service.js';

/** The portal takes a customer's number as it appears in an address. */
const params = (customerId: number) => ({ customerId: String(customerId) });

export async function listCustomers(portal: PortalService): Promise<CustomerView[]> {
  const customers = await portal.call('listCustomers');
  // Stable for the screen whatever order the portal answers in: by name, then number.
  return [...customers].sort((a, b) => a.name.localeCompare(b.name) || a.customerId - b.customerId);
}

/** The read-only view: what every access level may read. */
export async function customerSystems(portal: PortalService, customerId: number): Promise<SharedSystems> {
  return portal.call('customerSystems', { params: params(customerId) });
}

/** With Administrator access: the customer's registrations by System ID and site name. */
export async function customerRegistrations(portal: PortalService, customerId: number): Promise<PortalAnswer<'customerRegistrations'>> {
  const systems = await portal.call('customerRegistrations', { params: params(customerId) });
  return [...systems].sort((a, b) => a.siteName.localeCompare(b.siteName) || a.systemId.localeCompare(b.systemId));
}

/** With Administrator access: one of the customer's registrations in full, as its integrator reads it. */
export async function customerRegistration(portal: PortalService, customerId: number, systemId: string): Promise<RegistrationView> {
  return portal.call('customerSystem', { params: { ...params(customerId), systemId } });
}
