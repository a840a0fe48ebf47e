// Accounts on a running portal for tests and benchmarks: signed up, logged on, and for Partner and
// Branch accounts enrolled in TOTP (codes made with otplib from the secret the portal returned).
import { generate } from 'otplib';
import type { SignUpInput } from '../../shared/portal/accounts.js';
import type { z } from 'zod';
import assert from 'node:assert/strict';
import { PortalClient, PortalRequestError } from '../../main/services/portal/portal-client.js';

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
  const step = afterStep !== undefined && afterStep >= now() ? afterStep + 1 : now();
  while (step > now() + 1) await new Promise((resolve) => setTimeout(resolve, (now() + 1) * 30_000 - Date.now() + 50));
  const code = await generate({ secret, epoch: step * 30 });
  return { code, step };
}

export async function newAccount(baseUrl: string, input: Partial<z.input<typeof SignUpInput>> & { kind: z.input<typeof SignUpInput>['kind'] }): Promise<TestAccount> {
  const email = input.email ?? uniqueEmail(input.kind);
  const client = new PortalClient({ baseUrl });
  await client.call('signUp', {
    body: { email, password: PASSWORD, name: input.name ?? `Test ${input.kind}`, organization: input.organization ?? (input.kind === 'end-user' ? '' : `Org ${email}`), kind: input.kind },
  });
  const session = await client.call('logOn', { body: { email, password: PASSWORD } });
  client.token = session.token;
  if (input.kind === 'end-user') return { client, email, totpSecret: null, recoveryCodes: [] };
  const enrolment = await client.call('mfaEnrol', { body: {} });
  const { code } = await nextTotp(enrolment.secret);
  const { recoveryCodes } = await client.call('mfaConfirm', { body: { code } });
  return { client, email, totpSecret: enrolment.secret, recoveryCodes };
}

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
