// The companion's portal screens on a connected computer: where the portal is, who is logged on.
// The session token itself never leaves the main process.
import { z } from 'zod';
import { AccountView } from '../portal/accounts.js';

export const PortalUrl = z
  .string({ error: 'Enter the portal address as text.' })
  .trim()
  .max(2048, 'An address is at most 2,048 characters.')
  .pipe(z.url({ protocol: /^https?$/, error: 'Enter the portal address as http(s)://host[:port], for example https://portal.example.com.' }));

export const PortalSessionView = z.strictObject({
  url: z.string().nullable(),
  account: AccountView.nullable(),
  expiresAt: z.string().nullable(),
});
export type PortalSessionView = z.infer<typeof PortalSessionView>;
