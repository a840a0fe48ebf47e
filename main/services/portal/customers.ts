// A partner's customers, through the Portal screen's session (docs/partners.md, Customers and
// partner access): the customers that gave the partner's organization access, with the access
// level; one customer's systems in the portal's read-only view (masked, no System ID); and with
// Administrator access the customer's registrations by System ID, one registration in full, and
// that registration modified as its integrator may.
// The portal checks the access as it is on every request: a revoked partner gets the portal's 403,
// which comes through as the contract's `forbidden` with the portal's message.
import type { CustomerView, SharedSystems } from '../../../shared/portal/partner-access.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
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

/**
 * With Administrator access: one of the customer's registrations modified, as its integrator may
 * (the same input as registering or modifying online); the registration as saved. The portal
 * refuses what the integrator may not change (installation and site administrator data once the
 * end user holds the system) with the fields' issues, and a revoked access with its 403.
 */
export async function editCustomerRegistration(portal: PortalService, customerId: number, systemId: string, registration: RegisterInput): Promise<RegistrationView> {
  return portal.call('editCustomerSystem', { params: { ...params(customerId), systemId }, body: registration });
}
