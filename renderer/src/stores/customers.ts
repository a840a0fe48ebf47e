// A partner's customers on My systems (docs/partners.md, Customers and partner access): the
// customers that gave the partner's organization access, the one chosen with its systems in the
// portal's read-only view, and with Administrator access its registrations and one registration in
// full for the System Information page, which edits it in the registration form as its integrator
// may. The portal checks the access on every request: a customer that revoked it meanwhile answers
// 403, kept here as the error to show (an edit keeps what was typed with it).
import { create } from 'zustand';
import type { AdministeredSystem, Customer, SharedSystems } from '../../../shared/domain/customers.js';
import type { RegisterInput, RegistrationView } from '../../../shared/portal/systems.js';
import { call } from '../companion.js';
import { asError, type ContractError } from '../lib/errors.js';
import { formFromView, type RegistrationDraft } from '../lib/registration-draft.js';
import { usePortal } from './portal.js';

/** The registration shown, being edited: the form as typed, kept through a refusal until saved or cancelled. */
export interface RegistrationEdit {
  key: string;
  form: RegistrationDraft;
  /** The revision the form was filled from: the portal refuses the save if the registration changed since. */
  revision: number;
  dirty: boolean;
  busy: boolean;
  error: ContractError | null;
}

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
  /** The registration's edit in progress, if any. */
  edit: RegistrationEdit | null;
  /** The revision just saved by an edit of the registration shown, for the page's status line. */
  savedRevision: number | null;

  forAccount(account: string): void;
  loadCustomers(): Promise<boolean>;
  /** Shows one customer's systems (and its registrations with Administrator access); false when it was refused. */
  choose(customerId: number): Promise<boolean>;
  loadRegistration(customerId: number, systemId: string): Promise<void>;
  /** Opens the registration shown in the registration form, filled from it. */
  startEdit(): void;
  changeEdit(change: (form: RegistrationDraft) => RegistrationDraft): void;
  /** An error found before anything is sent (the form's own checks), shown as the portal's would be. */
  refuseEdit(error: ContractError): void;
  /** Leaves the edit; after a refusal the registration is read again (resolved once it is). */
  cancelEdit(): Promise<void>;
  /** Saves the edit through the customer's Administrator access; true when the portal took it. */
  saveEdit(registration: RegisterInput): Promise<boolean>;
}

let listSeq = 0;
let systemsSeq = 0;
let registrationSeq = 0;
let editSeq = 0;

/** An ended portal session: the Portal screen shows the log-on again. */
const noticeSession = (error: ContractError) => {
  if (error.code === 'unauthorized') void usePortal.getState().refreshSession();
};
const keyOf = (customerId: number, systemId: string) => `${customerId} ${systemId}`;
/** A key back into its customer and System ID (a System ID may hold spaces; a number does not). */
const fromKey = (key: string) => {
  const space = key.indexOf(' ');
  return { customerId: Number(key.slice(0, space)), systemId: key.slice(space + 1) };
};

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
  edit: null,
  savedRevision: null,
} satisfies Partial<CustomersState>;

export const useCustomers = create<CustomersState>((set, get) => ({
  account: null,
  ...EMPTY,

  forAccount(account) {
    if (get().account === account) return;
    ++listSeq;
    ++systemsSeq;
    ++registrationSeq;
    ++editSeq;
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
    // Another registration: an edit of the one before is left behind (and so is its saved line).
    if (!same) ++editSeq;
    set({ registrationKey: key, registrationLoading: true, registrationError: null, ...(same ? {} : { registration: null, edit: null, savedRevision: null }) });
    if (!get().customers && !get().listLoading) void get().loadCustomers();
    try {
      const registration = await call('portal.customers.registration', { customerId, systemId });
      if (seq !== registrationSeq) return;
      // Read again: a refusal of an edit before (a session that ended, an access taken back) is not the case any more.
      const edit = get().edit;
      set({ registration, registrationLoading: false, ...(edit && !edit.busy && edit.error && !edit.error.issues?.length ? { edit: { ...edit, error: null } } : {}) });
    } catch (e) {
      if (seq !== registrationSeq) return;
      const error = asError(e);
      noticeSession(error);
      // Refused now: what was shown before is not shown as if it were still readable.
      set({ registrationError: error, registrationLoading: false, ...(error.code === 'forbidden' && !get().edit ? { registration: null } : {}) });
    }
  },

  startEdit() {
    const { registration, registrationKey } = get();
    if (!registration || !registrationKey) return;
    ++editSeq;
    set({ edit: { key: registrationKey, form: formFromView(registration), revision: registration.revision, dirty: false, busy: false, error: null }, savedRevision: null });
  },

  changeEdit(change) {
    const edit = get().edit;
    if (edit) set({ edit: { ...edit, form: change(edit.form), dirty: true } });
  },

  refuseEdit(error) {
    const edit = get().edit;
    if (edit) set({ edit: { ...edit, error } });
  },

  async cancelEdit() {
    ++editSeq;
    const { edit, registrationKey } = get();
    set({ edit: null });
    // After a refusal the registration is read again, so that what is shown is what may be read now.
    if (edit?.error && registrationKey) {
      const { customerId, systemId } = fromKey(registrationKey);
      await get().loadRegistration(customerId, systemId);
    }
  },

  async saveEdit(registration) {
    const edit = get().edit;
    if (!edit || edit.busy) return false;
    const seq = ++editSeq;
    const { customerId, systemId } = fromKey(edit.key);
    set({ edit: { ...edit, busy: true, error: null } });
    try {
      const saved = await call('portal.customers.edit', { customerId, systemId, registration });
      if (seq !== editSeq) return true;
      ++registrationSeq;
      const registrations = get().chosenId === customerId ? get().registrations : null;
      set({
        edit: null,
        savedRevision: saved.revision,
        registration: saved,
        registrationKey: edit.key,
        registrationLoading: false,
        registrationError: null,
        // The customer's list of registrations says the site name and status as saved.
        ...(registrations
          ? { registrations: registrations.map((r) => (r.systemId === saved.systemId ? { ...r, siteName: saved.installation.siteName, status: saved.status, updatedAt: saved.updatedAt } : r)) }
          : {}),
      });
      return true;
    } catch (e) {
      if (seq !== editSeq) return false;
      const error = asError(e);
      // What was typed stays in the form, whatever the refusal.
      set({ edit: { ...(get().edit ?? edit), busy: false, error } });
      noticeSession(error);
      return false;
    }
  },
}));

/** Whether the registration shown is the one asked for. */
export const registrationFor = (state: Pick<CustomersState, 'registration' | 'registrationKey'>, customerId: number, systemId: string) =>
  state.registration && state.registrationKey === keyOf(customerId, systemId) ? state.registration : null;

/** The edit in progress of the registration asked for, if any. */
export const editFor = (state: Pick<CustomersState, 'edit'>, customerId: number, systemId: string) =>
  state.edit && state.edit.key === keyOf(customerId, systemId) ? state.edit : null;
