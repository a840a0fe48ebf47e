// A partner's customers on My systems (docs/partners.md, Customers and partner access): the
// customers that gave the partner's organization access, the one chosen with its systems in the
// portal's read-only view, and with Administrator access its registrations and one registration in
// full for the System Information page. The portal checks the access on every request: a customer
// that revoked it meanwhile answers 403, kept here as the error to show.
import { create } from 'zustand';
import type { AdministeredSystem, Customer, SharedSystems } from '../../../shared/domain/customers.js';
import type { RegistrationView } from '../../../shared/portal/systems.js';
import { call } from '../companion.js';
import { asError, type ContractError } from '../lib/errors.js';
import { usePortal } from './portal.js';

interface CustomersState {
  /** The account the customers belong to: another account logged on starts afresh. */
  account: string | null;
  customers: Customer[] | null;
  listLoading: boolean;
  listError: ContractError | null;

  /** The customer whose systems are shown (or being loaded), and its name as the list gave it (kept when access is revoked meanwhile). */
  chosenId: number | null;
  chosenName: string;
  systems: SharedSystems | null;
  systemsLoading: boolean;
  systemsError: ContractError | null;
  /** With Administrator access: the customer's registrations; null when not asked (read-only) or not loaded. */
  registrations: AdministeredSystem[] | null;
  registrationsError: ContractError | null;

  /** The System Information page's customer registration. */
  registrationKey: string | null;
  registration: RegistrationView | null;
  registrationLoading: boolean;
  registrationError: ContractError | null;

  forAccount(account: string): void;
  loadCustomers(): Promise<boolean>;
  /** Shows one customer's systems (and its registrations with Administrator access); false when it was refused. */
  choose(customerId: number): Promise<boolean>;
  loadRegistration(customerId: number, systemId: string): Promise<void>;
}

let listSeq = 0;
let systemsSeq = 0;
let registrationSeq = 0;

/** An ended portal session: the Portal screen shows the log-on again. */
const noticeSession = (error: ContractError) => {
  if (error.code === 'unauthorized') void usePortal.getState().refreshSession();
};
const keyOf = (customerId: number, systemId: string) => `${customerId} ${systemId}`;

/** What is known of an account's customers before anything is read. */
const EMPTY = {
  customers: null,
  listLoading: false,
  listError: null,
  chosenId: null,
  chosenName: '',
  systems: null,
  systemsLoading: false,
  systemsError: null,
  registrations: null,
  registrationsError: null,
  registrationKey: null,
  registration: null,
  registrationLoading: false,
  registrationError: null,
} satisfies Partial<CustomersState>;

export const useCustomers = create<CustomersState>((set, get) => ({
  account: null,
  ...EMPTY,

  forAccount(account) {
    if (get().account === account) return;
    ++listSeq;
    ++systemsSeq;
    ++registrationSeq;
    set({ account, ...EMPTY });
  },

  async loadCustomers() {
    const seq = ++listSeq;
    set({ listLoading: true, listError: null });
    try {
      const customers = await call('portal.customers.list', {});
      if (seq !== listSeq) return true;
      set({ customers, listLoading: false });
      // The customer shown is gone from the list (its access was revoked): asked again, the portal's refusal replaces what was shown.
      const { chosenId, systemsLoading } = get();
      if (chosenId !== null && !systemsLoading && !customers.some((c) => c.customerId === chosenId)) void get().choose(chosenId);
      return true;
    } catch (e) {
      if (seq !== listSeq) return false;
      const error = asError(e);
      noticeSession(error);
      set({ listError: error, listLoading: false });
      return false;
    }
  },

  async choose(customerId) {
    const seq = ++systemsSeq;
    const same = get().chosenId === customerId;
    const chosenName = get().customers?.find((c) => c.customerId === customerId)?.name ?? (same ? get().chosenName : '');
    set({ chosenId: customerId, chosenName, systemsLoading: true, systemsError: null, registrationsError: null, ...(same ? {} : { systems: null, registrations: null }) });
    // The access level as it is now (the customer may have changed it since the list was read) decides whether registrations are asked for.
    const [systems] = await Promise.allSettled([call('portal.customers.systems', { customerId }), get().loadCustomers()]);
    if (seq !== systemsSeq) return systems.status === 'fulfilled';
    const administrator = systems.status === 'fulfilled' && !!get().customers?.find((c) => c.customerId === customerId)?.administrator;
    let registrations: AdministeredSystem[] | null = null;
    let registrationsError: ContractError | null = null;
    if (administrator) {
      try {
        registrations = await call('portal.customers.registrations', { customerId });
      } catch (e) {
        registrationsError = asError(e);
      }
      if (seq !== systemsSeq) return true;
    }
    const systemsError = systems.status === 'rejected' ? asError(systems.reason) : null;
    for (const error of [systemsError, registrationsError]) if (error) noticeSession(error);
    set({ chosenId: customerId, systemsLoading: false, systems: systems.status === 'fulfilled' ? systems.value : null, systemsError, registrations, registrationsError });
    return !systemsError;
  },

  async loadRegistration(customerId, systemId) {
    const seq = ++registrationSeq;
    const key = keyOf(customerId, systemId);
    const same = get().registrationKey === key;
    set({ registrationKey: key, registrationLoading: true, registrationError: null, ...(same ? {} : { registration: null }) });
    if (!get().customers && !get().listLoading) void get().loadCustomers();
    try {
      const registration = await call('portal.customers.registration', { customerId, systemId });
      if (seq !== registrationSeq) return;
      set({ registration, registrationLoading: false });
    } catch (e) {
      if (seq !== registrationSeq) return;
      const error = asError(e);
      noticeSession(error);
      // Refused now: what was shown before is not shown as if it were still readable.
      set({ registrationError: error, registrationLoading: false, ...(error.code === 'forbidden' ? { registration: null } : {}) });
    }
  },
}));

/** Whether the registration shown is the one asked for. */
export const registrationFor = (state: Pick<CustomersState, 'registration' | 'registrationKey'>, customerId: number, systemId: string) =>
  state.registration && state.registrationKey === keyOf(customerId, systemId) ? state.registration : null;
