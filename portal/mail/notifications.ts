// The notification every edit sends (DOMAIN.md, Registration): to the registered end user, the
// integrator and the site administrator, each address once.
import type { AccountRow, MailInput, RegistrationState } from '../store/store.js';

export function editRecipients(state: RegistrationState): string[] {
  const seen = new Map<string, string>();
  for (const address of [state.endUser?.email, state.integrator?.email, state.siteAdministrator.email]) {
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

export function editMail(state: RegistrationState, systemId: string, actor: AccountRow, what: string, changed: string[]): MailInput {
  const site = state.installation.siteName;
  const lines = [
    `The registration of ${site} (System ID ${systemId}) was ${what}`,
    `by ${actor.name} <${actor.email}> on ${state.updatedAt}.`,
    '',
    ...(changed.length ? ['Changed:', ...changed.map((c) => `  - ${c}`), ''] : []),
    `Integrator: ${state.integrator ? `${state.integrator.organization || state.integrator.name} <${state.integrator.email}>` : 'none'}`,
    `End user: ${state.endUser ? `${state.endUser.name} <${state.endUser.email}>` : 'none'}`,
    `Site administrator: ${state.siteAdministrator.name} <${state.siteAdministrator.email}>`,
    '',
    'If you did not expect this change, reply to your integrator or contact registration support.',
  ];
  return { recipients: editRecipients(state), subject: `Registration of ${site} (${systemId}) ${what.split(' ')[0]}`, body: lines.join('\n') };
}

/** To the invited address only: what it is invited to and how to take it up. */
export function inviteMail(state: RegistrationState, systemId: string, inviter: AccountRow, email: string, role: 'integrator' | 'end-user', expiresAt: string): MailInput {
  const site = state.installation.siteName;
  const as = role === 'integrator' ? 'its integrator (a Partner or Branch account)' : 'its end user (an End user account)';
  return {
    recipients: [email],
    subject: `Invitation: registration of ${site} (${systemId})`,
    body: [
      `${inviter.name} <${inviter.email}> invites you to be associated with the registration of ${site} (System ID ${systemId}) as ${as}.`,
      '',
      `Log on to the Registration Portal as ${email} (sign up first if you have no account), choose "Register or modify a system",`,
      `and enter the System ID exactly as written here. The invitation is valid until ${expiresAt.slice(0, 10)}.`,
    ].join('\n'),
  };
}
