// The page an invitation link opens: who invites whom to what, and a log-on form (e-mail,
// password, and the authenticator code for Partner and Branch accounts) whose button accepts.
// Opening it changes nothing; only the posted form, with the right account, takes the place.
import type { FastifyInstance } from 'fastify';
import { isIntegrator, LogOnInput } from '../../shared/portal/accounts.js';
import { PortalHttpError } from '../http/errors.js';
import { PAGE_PATHS } from '../mail/links.js';
import type { AccountService } from '../services/account-service.js';
import type { RegistrationService } from '../services/registration-service.js';
import type { InvitationLink } from '../store/store.js';
import { html, sendPage, type Html } from './html.js';
import { fieldOf, tokenOf } from './tokens.js';

const TITLE = 'Accept an invitation';
const NOT_A_LINK = 'This invitation link is not valid: open the link exactly as the invitation mail gives it, or ask for a new invitation.';

const placeName = (role: 'integrator' | 'end-user') => (role === 'integrator' ? 'integrator (a Partner or Branch account)' : 'end user (an End user account)');

function invitationText(link: InvitationLink): Html {
  const by = link.invitedBy;
  return html`<p>You are invited to be associated with a system registration as its ${placeName(link.invitation.role)}.</p>
<dl><dt>System ID</dt><dd>${link.systemId}</dd><dt>Site name</dt><dd>${link.siteName}</dd>
<dt>Invited by</dt><dd>${by.name}${by.organization ? ` (${by.organization})` : ''}, ${by.email}</dd>
<dt>Invited address</dt><dd>${link.invitation.email}</dd><dt>Valid until</dt><dd>${link.invitation.expiresAt.slice(0, 10)}</dd></dl>`;
}

function form(token: string, email: string, error: string | null): Html {
  return html`${error ? html`<p class="error" role="alert">${error}</p>` : null}
<p>Log on with the account of the invited address to accept. No account yet? Sign up in the BMS Companion, verify your address from the mail we send, then open this link again.</p>
<form method="post" action="${PAGE_PATHS.acceptInvitation.slice(1)}">
<input type="hidden" name="token" value="${token}">
<label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" required value="${email}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="code">Authenticator code (Partner and Branch accounts)</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code">
<button type="submit">Log on and accept</button></form>
<p class="note">If you do not know who invited you, close this page: nothing happens without the button.</p>`;
}

/** Why a link cannot be accepted any more, or null while it can. */
function closed(link: InvitationLink): string | null {
  if (link.invitation.acceptedAt) return 'This invitation was accepted already; a link works once.';
  if (link.invitation.expiresAt <= new Date().toISOString()) return `This invitation expired on ${link.invitation.expiresAt.slice(0, 10)}. Ask the system's owner to invite you again.`;
  return null;
}

export function acceptInvitationPages(app: FastifyInstance, accounts: AccountService, systems: RegistrationService) {
  app.get(PAGE_PATHS.acceptInvitation, async (request, reply) => {
    const token = tokenOf(request.query);
    const link = token && (await systems.invitationByLink(token));
    if (!token || !link) return sendPage(reply, 404, TITLE, html`<p class="error">${NOT_A_LINK}</p>`);
    const why = closed(link);
    if (why) return sendPage(reply, 410, TITLE, html`${invitationText(link)}<p class="error">${why}</p>`);
    return sendPage(reply, 200, TITLE, html`${invitationText(link)}${form(token, link.invitation.email, null)}`);
  });

  app.post(PAGE_PATHS.acceptInvitation, async (request, reply) => {
    const token = tokenOf(request.body);
    const link = token && (await systems.invitationByLink(token));
    if (!token || !link) return sendPage(reply, 404, TITLE, html`<p class="error">${NOT_A_LINK}</p>`);
    const email = fieldOf(request.body, 'email', 320);
    const code = fieldOf(request.body, 'code', 64).trim();
    const again = (status: number, message: string) => sendPage(reply, status, TITLE, html`${invitationText(link)}${form(token, email, message)}`);
    const input = LogOnInput.safeParse({ email, password: fieldOf(request.body, 'password', 1024), ...(code ? { mfaCode: code } : {}) });
    if (!input.success) return again(400, input.error.issues.map((i) => i.message).join(' '));
    try {
      const { account, mfaOn } = await accounts.authenticate(input.data, request.ip);
      if (isIntegrator(account.kind) && !mfaOn) {
        return again(403, 'Partner and Branch accounts turn on multi-factor authentication before anything else: log on in the BMS Companion and enrol an authenticator app, then open this link again.');
      }
      const view = await systems.acceptInvitation(token, account);
      return sendPage(
        reply,
        200,
        'Invitation accepted',
        html`<p class="done">You are now this system's ${view.yourRole === 'integrator' ? 'integrator' : 'end user'}.</p>
<dl><dt>System ID</dt><dd>${view.systemId}</dd><dt>Site name</dt><dd>${view.installation.siteName}</dd></dl>
<p>Open it in the BMS Companion (Portal screen) to see or edit the registration${view.yourRole === 'end-user' ? ' and give your consent' : ''}.</p>`,
      );
    } catch (error) {
      if (error instanceof PortalHttpError) {
        if (error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
        return again(error.status, error.message);
      }
      throw error;
    }
  });
}
