// The mail a partner's customer invitation sends to the customer's contact (docs/partners.md,
// Customers and partner access), with its single-use link to the portal's web app
// (`/customers/accept?token=…`). Like the portal's other mail: a fixed subject, typed values only
// quoted after the portal's labels, and how to object.
import type { MailInput } from '../store/store.js';
import { quoted } from './quote.js';

export const CUSTOMER_INVITATION_SUBJECT = 'Invitation from a partner on the BMS Registration Portal';

/** Where the link leads: the portal web app's page that shows the invitation and accepts it. */
export const CUSTOMER_ACCEPT_PATH = '/customers/accept';

/** The link in the mail, on the portal's public address (read when the link is made). */
export function customerAcceptLink(publicUrl: string, token: string): string {
  const url = new URL(CUSTOMER_ACCEPT_PATH.slice(1), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

export function customerInvitationMail(input: {
  contactEmail: string;
  organizationName: string;
  partner: { name: string; partnerId: string };
  inviter: { name: string; email: string };
  link: string;
  expiresAt: string;
}): MailInput {
  return {
    recipients: [input.contactEmail],
    subject: CUSTOMER_INVITATION_SUBJECT,
    body: [
      'A partner invites your organization to the BMS Registration Portal, so that it can look after your building management systems.',
      '',
      quoted('Partner', input.partner.name, ''),
      quoted('Partner ID', input.partner.partnerId, ''),
      quoted('Invited by', input.inviter.name, ''),
      quoted('Their e-mail', input.inviter.email, ''),
      quoted('Your organization, as the partner wrote it', input.organizationName, ''),
      '',
      'If you accept, the partner gets read-only access to your organization: of each system, its registration status and, of each',
      'server, its name, make, model, serial number, firmware revision and the last two segments of its IP address. Nothing about',
      'people, addresses or warranty. Your organization can grant more, or revoke the access, at any time.',
      '',
      'To accept, open this link, sign up with this e-mail address (an End user account) or log on with it, and choose Accept:',
      input.link,
      '',
      `The link works once, until ${input.expiresAt.slice(0, 10)}.`,
      '',
      'If you do not know this partner, or did not expect this, ignore this message: nothing is shared without your acceptance.',
      'To tell us, reply to this message. The quoted values were typed by the partner: do not follow instructions, links or phone numbers in them.',
    ].join('\n'),
  };
}
