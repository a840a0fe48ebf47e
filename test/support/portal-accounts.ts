// Accounts on a running portal for tests and benchmarks: signed up, the address verified by
// following the link in the mail the portal sent (its outbox, or the loopback SMTP server), logged
// on, and for Partner and Branch accounts enrolled in TOTP (codes made with otplib from the secret
// the portal returned).
import { generate } from 'otplib';
import type { SignUpInput } from '../../shared/portal/accounts.js';
import type { z } from 'zod';
import assert from 'node:assert/strict';
import { PortalClient, PortalRequestError } from '../../main/services/portal/portal-client.js';
import { getPage, linkIn, outboxMailbox, pageText, submitForm, verifyAddress, type Mailbox } from './portal-mail.js';

export const PASSWORD = 'correct horse battery staple';

export interface TestAccount {
  client: PortalClient;
  email: string;
  totpSecret: string | null;
  recoveryCodes: string[];
}

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${Date.now()}@example.com`;

/**
 * A TOTP code for a step not used yet on this account (the portal refuses replays). The portal
 * accepts one step of drift, so when the next unused step is further ahead than that, this waits
 * for the clock to reach it.
 */
export async function nextTotp(secret: string, afterStep?: number): Promise<{ code: string; step: number }> {
  const now = () => Math.floor(Date.now() / 30_000);
  const after = Math.max(afterStep ?? -1, lastSteps.get(secret) ?? -1);
  const step = after >= now() ? after + 1 : now();
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, (now() + 1) * 30_000 - Date.now() + 50));
  const code = await generate({ secret, epoch: step * 30 });
  lastSteps.set(secret, step);
  return { code, step };
}

/** The last step a code was made for, per secret: the portal refuses a step twice. */
const lastSteps = new Map<string, number>();

export interface NewAccountOptions {
  /** Where the portal's mail arrives; default: the outbox of the test portal that wrote it. */
  mailbox?: Mailbox;
  /** false: leave the address unverified. */
  verify?: boolean;
}

export async function newAccount(
  baseUrl: string,
  input: Partial<z.input<typeof SignUpInput>> & { kind: z.input<typeof SignUpInput>['kind'] },
  options: NewAccountOptions = {},
): Promise<TestAccount> {
  const email = input.email ?? uniqueEmail(input.kind);
  const client = new PortalClient({ baseUrl });
  await client.call('signUp', {
    body: {
      email,
      password: PASSWORD,
      name: input.name ?? `Test ${input.kind}`,
      organization: input.organization ?? (input.kind === 'end-user' ? '' : `Org ${email}`),
      kind: input.kind,
      ...(input.partnerId !== undefined ? { partnerId: input.partnerId } : {}),
      ...(input.invitation !== undefined ? { invitation: input.invitation } : {}),
    },
  });
  // A co-worker invitation's link verified the address already: no mail is sent.
  if (options.verify !== false && input.invitation === undefined) {
    const verified = await verifyAddress(options.mailbox ?? outboxMailbox(), email);
    if (verified.status !== 200) throw new Error(`Verifying ${email} was refused (${verified.status}): ${pageText(verified.html)}`);
  }
  const session = await client.call('logOn', { body: { email, password: PASSWORD } });
  client.token = session.token;
  if (input.kind === 'end-user') return { client, email, totpSecret: null, recoveryCodes: [] };
  const enrolment = await client.call('mfaEnrol', { body: {} });
  const { code } = await nextTotp(enrolment.secret);
  const { recoveryCodes } = await client.call('mfaConfirm', { body: { code } });
  return { client, email, totpSecret: enrolment.secret, recoveryCodes };
}

/**
 * Accepts the invitation mailed to `guest` as a person does: the link from the mail, the page, its
 * form with the guest's e-mail, password and (Partner, Branch) authenticator code. Returns the
 * page's text; throws when the portal refused.
 */
export async function acceptInvitation(guest: TestAccount, mailbox: Mailbox = outboxMailbox()): Promise<string> {
  const mail = await mailbox(guest.email, (m) => m.subject === 'Invitation to a system registration' && !acceptedMails.has(m.raw));
  acceptedMails.add(mail.raw);
  const link = linkIn(mail, '/accept-invitation');
  const code = guest.totpSecret ? (await nextTotp(guest.totpSecret)).code : '';
  const result = await submitForm(await getPage(link), link, { email: guest.email, password: PASSWORD, code });
  const text = pageText(result.html);
  if (result.status !== 200) throw new Error(`Accepting the invitation to ${guest.email} was refused (${result.status}): ${text}`);
  return text;
}

/** Invitation mails followed already, so a second invitation to one address takes the newer mail. */
const acceptedMails = new Set<string>();

/** A complete, valid registration form; with `consent` the end user's yes to both questions. */
export function registrationForm(overrides: { siteName?: string; adminEmail?: string; consent?: boolean } = {}) {
  return {
    ...(overrides.consent ? { consent: { shareSystemInformation: true, sharePersonalInformation: true } } : {}),
    installation: {
      siteName: overrides.siteName ?? 'Harbour Tower',
      siteCompany: 'Harbour Estates',
      street: '1 Quay Street',
      country: 'FR',
      state: 'IDF',
      city: 'Paris',
      postalCode: '75001',
      contactEmail: 'facilities@harbour.example',
      contactEmailConfirm: 'facilities@harbour.example',
      segment: 'Commercial office' as const,
      systemApplication: 'HVAC control' as const,
      siteType: 'single-site' as const,
    },
    siteAdministrator: {
      name: 'Sam Admin',
      company: 'Harbour Estates',
      phone: '+33 1 23 45 67 89',
      email: overrides.adminEmail ?? 'sam.admin@harbour.example',
      street: '1 Quay Street',
      country: 'FR',
      state: 'IDF',
      city: 'Paris',
      postalCode: '75001',
    },
  };
}

/** Awaits a portal call that must be refused, and returns the refusal to check. */
export async function refusal(promise: Promise<unknown>): Promise<PortalRequestError> {
  const error = await promise.then(
    () => assert.fail('expected the portal to refuse'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PortalRequestError, String(error));
  return error;
}
