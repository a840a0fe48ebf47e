// The companion's portal screens on a connected computer: where the portal is, who is logged on.
// The session token itself never leaves the main process.
import { z } from 'zod';
import { say } from '../messages/say.js';
import { AccountView } from '../portal/accounts.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** HTTPS, except on this machine itself (a portal run for a demo or a test). */
export const PortalUrl = z
  .string({ error: say('fields.portalAddressAsText') })
  .trim()
  .max(2048, say('fields.addressTooLong'))
  .pipe(z.url({ protocol: /^https?$/, error: say('fields.portalAddressFormat') }))
  .refine((url) => url.startsWith('https:') || !URL.canParse(url) || LOOPBACK.test(new URL(url).hostname), {
    message: say('fields.portalHttps'),
  });

export const PortalSessionView = z.strictObject({
  url: z.string().nullable(),
  account: AccountView.nullable(),
  expiresAt: z.string().nullable(),
});
export type PortalSessionView = z.infer<typeof PortalSessionView>;
