// The page a verification link opens. Opening it changes nothing (mail scanners fetch links); its
// button posts the token back, and only that verifies the address.
import type { FastifyInstance } from 'fastify';
import { PAGE_PATHS } from '../mail/links.js';
import type { AccountService } from '../services/account-service.js';
import type { VerificationOutcome } from '../store/store.js';
import { html, sendPage } from './html.js';
import { tokenOf } from './tokens.js';

const OUTCOMES: Record<Exclude<VerificationOutcome, 'verified'>, { status: number; text: string }> = {
  used: { status: 409, text: 'This link was used already. If your address is verified, log on as usual; if not, log on and ask for a new link.' },
  replaced: { status: 410, text: 'A newer link was sent to this address since this one: only the newest link works. Open the link in the latest mail, or log on and ask for a new one.' },
  expired: { status: 410, text: 'This link has expired. Log on to the portal (in the BMS Companion: the Portal screen) and choose "Send the link again".' },
  unknown: { status: 404, text: 'This link is not one the portal sent, or it was cut short. Open it exactly as the mail gives it, or log on and ask for a new link.' },
  'address-changed': { status: 409, text: "This link was sent to an address that is no longer the account's. Log on and ask for a link to the current address." },
};

export function verifyEmailPages(app: FastifyInstance, accounts: AccountService) {
  const action = PAGE_PATHS.verifyEmail.slice(1);
  app.get(PAGE_PATHS.verifyEmail, async (request, reply) => {
    const token = tokenOf(request.query);
    if (!token) return sendPage(reply, 400, 'Verify your e-mail address', html`<p class="error">${OUTCOMES.unknown.text}</p>`);
    return sendPage(
      reply,
      200,
      'Verify your e-mail address',
      html`<p>Choose <strong>Verify</strong> to confirm that this e-mail address is yours and finish opening your account on the BMS Registration Portal.</p>
<form method="post" action="${action}"><input type="hidden" name="token" value="${token}"><button type="submit">Verify</button></form>
<p class="note">If you did not sign up, close this page: nothing happens without the button.</p>`,
    );
  });
  app.post(PAGE_PATHS.verifyEmail, async (request, reply) => {
    const token = tokenOf(request.body);
    const outcome: VerificationOutcome = token ? await accounts.verifyEmail(token) : 'unknown';
    if (outcome === 'verified') {
      return sendPage(reply, 200, 'E-mail address verified', html`<p class="done">Your e-mail address is verified. You can close this page and use the portal (in the BMS Companion: the Portal screen).</p>`);
    }
    const { status, text } = OUTCOMES[outcome];
    return sendPage(reply, status, 'The address was not verified', html`<p class="error">${text}</p>`);
  });
}
