// The companion's portal screens on a connected computer: where the portal is, who is logged on.
// The session token itself never leaves the main process.
import { z } from 'zod';
import { AccountView } from '../portal/accounts.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** HTTPS, except on this machine itself (a portal run for a demo or a test). */
export const PortalUrl = z
  .string({ error: 'Enter the portal address as text.' })
  .trim()
  .max(2048, 'An address is at most 2,048 characters.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter the portal address as https://host[:port], for example https://portal.example.com.' }))
  .refine((url) => url.startsWith('https:') || !URL.canParse(url) || LOOPBACK.test(new URL(url).hostname), {
    message: 'Use https:// for a portal on another computer: over plain http, passwords and codes could be read or changed on the way.',
  });

export const PortalSessionView = z.strictObject({
  url: z.string().nullable(),
  account: AccountView.nullable(),
  expiresAt: z.string().nullable(),
});
export type PortalSessionView = z.infer<typeof PortalSessionView>;
