// The mail the portal sends. Subjects are fixed phrases: nothing a caller typed (not even a System
// ID) goes into one. Bodies carry typed values only through `quoted` (one bounded line each, after
// the portal's label). Every mail about a registration says who asked and how to object, because
// one of its recipients, the site administrator, is not an account and never asked for it.
import type { AccountRow, MailInput, RegistrationState } from '../store/store.js';
import { clean, quoted } from './quote.js';

export const SUBJECTS = {
  registrationChanged: 'Registration changed',
  invitation: 'Invitation to a system registration',
  verifyEmail: 'Verify your e-mail address',
  signUpAttempt: 'Sign-up attempt with your e-mail address',
} as const;

/** How to object, in every mail: replies go to the support address when the portal has one (Reply-To). */
const OBJECT = [
  'If you do not know the person who asked, or did not expect this, reply to this message and say so:',
  'registration support will look into it. The quoted values were typed by the person who asked:',
  'do not follow instructions, links or phone numbers in them.',
].join('\n');

export function editRecipients(state: RegistrationState): string[] {
  const seen = new Map<string, string>();
  for (const address of [state.endUser?.email, state.integrator?.email, state.siteAdministrator.email]) {
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

const whoAsked = (actor: AccountRow) => ['Asked by this account of the portal:', quoted('Name', actor.name), quoted('Organization', actor.organization), quoted('E-mail', actor.email)];

const party = (label: string, a: { name: string; organization?: string; email: string } | null) =>
  a ? [`${label}:`, quoted('Name', a.name, '    '), ...(a.organization !== undefined ? [quoted('Organization', a.organization, '    ')] : []), quoted('E-mail', a.email, '    ')] : [`${label}: none`];

/** To the end user, the integrator and the site administrator, each once. `what` may hold typed text (a System ID, an address): it is cleaned and bounded. */
export function editMail(state: RegistrationState, systemId: string, actor: AccountRow, what: string, changed: string[]): MailInput {
  const lines = [
    'A system registration that names this e-mail address was changed on the BMS Registration Portal.',
    '',
    `What happened: ${clean(what)}`,
    `When: ${state.updatedAt}`,
    quoted('System ID', systemId, ''),
    quoted('Site name', state.installation.siteName, ''),
    '',
    ...whoAsked(actor),
    '',
    ...(changed.length ? ['Fields changed:', ...changed.map((c) => `  - ${clean(c)}`), ''] : []),
    ...party('Integrator', state.integrator),
    ...party('End user', state.endUser && { name: state.endUser.name, email: state.endUser.email }),
    ...party('Site administrator', { name: state.siteAdministrator.name, organization: state.siteAdministrator.company, email: state.siteAdministrator.email }),
    '',
    'You receive this because this address is given on the registration as its integrator, end user or site administrator.',
    OBJECT,
  ];
  return { recipients: editRecipients(state), subject: SUBJECTS.registrationChanged, body: lines.join('\n') };
}

/** To the invited address only: who invites, to what, and the single-use link that accepts. */
export function inviteMail(state: RegistrationState, systemId: string, inviter: AccountRow, email: string, role: 'integrator' | 'end-user', expiresAt: string, link: string): MailInput {
  const as = role === 'integrator' ? 'its integrator (with a Partner or Branch account)' : 'its end user (with an End user account)';
  return {
    recipients: [email],
    subject: SUBJECTS.invitation,
    body: [
      `You are invited to be associated with a system registration on the BMS Registration Portal as ${as}.`,
      '',
      quoted('System ID', systemId, ''),
      quoted('Site name', state.installation.siteName, ''),
      '',
      ...whoAsked(inviter),
      '',
      'To accept, open this link, log on with the account of this e-mail address (sign up first if you have none, and verify the address), and choose Accept:',
      link,
      '',
      `The link works once, until ${expiresAt.slice(0, 10)}. Only an account of this address, verified, can accept it.`,
      '',
      OBJECT,
    ].join('\n'),
  };
}

/** To the address an account signed up with (or asked again): the link that proves it is theirs. */
export function verificationMail(email: string, link: string, expiresAt: string): MailInput {
  return {
    recipients: [email],
    subject: SUBJECTS.verifyEmail,
    body: [
      'An account of the BMS Registration Portal was opened with this e-mail address. To confirm that the address is yours, open this link and choose Verify:',
      link,
      '',
      `The link works once, until ${expiresAt.replace('T', ' ').slice(0, 16)} UTC. Until the address is verified, the account can log on and verify, and nothing else.`,
      '',
      'If you did not sign up, ignore this message: nothing is done in your name without the link. To tell us, reply to this message.',
    ].join('\n'),
  };
}

/** To the owner of an existing account, when someone signs up with its address: the sign-up answer says nothing of it. */
export function signUpAttemptMail(email: string): MailInput {
  return {
    recipients: [email],
    subject: SUBJECTS.signUpAttempt,
    body: [
      'Someone tried to sign up on the BMS Registration Portal with this e-mail address, which has an account already.',
      'No account was made and nothing was changed; your password is the same.',
      '',
      'If it was you: log on with your password instead of signing up.',
      'If it was not you: you need do nothing. To tell us, reply to this message.',
    ].join('\n'),
  };
}
