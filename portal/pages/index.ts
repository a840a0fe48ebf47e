// The HTML pages the links in the portal's mail open, in their own Fastify context: only here are
// form posts (application/x-www-form-urlencoded) read; the JSON API still refuses them (415).
import type { FastifyInstance } from 'fastify';
import type { AccountService } from '../services/account-service.js';
import type { RegistrationService } from '../services/registration-service.js';
import { acceptInvitationPages } from './accept-invitation.js';
import { verifyEmailPages } from './verify-email.js';

/** A form of a page is a token and a log-on: a few hundred bytes. */
const FORM_LIMIT = 8 * 1024;

export function registerPages(app: FastifyInstance, accounts: AccountService, systems: RegistrationService) {
  void app.register(async (pages) => {
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    verifyEmailPages(pages, accounts);
    acceptInvitationPages(pages, accounts, systems);
  });
}
