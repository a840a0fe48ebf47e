// The registration's own fields as the portal holds them: installation, site administrator,
// warranty and consent, then who owns the system and who was invited.
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { Facts, InfoSection } from './Facts.js';
import { countryName, formatDate, formatWhen, roleLabel } from './format.js';

const SITE_TYPES = { 'single-site': 'Single site', 'multi-site': 'Multi-site' } as const;

const mail = (address: string) => (address ? <a href={`mailto:${address}`}>{address}</a> : '');
const region = (country: string, state: string) => [state, countryName(country)].filter(Boolean).join(', ');

export function InstallationSection({ r }: { r: RegistrationView }) {
  const i = r.installation;
  return (
    <InfoSection id="sys-installation" title="Installation and system information" testId="info-installation">
      <Facts
        rows={[
          ['Site or building name', i.siteName],
          ['Site company', i.siteCompany],
          ['Address', i.street],
          ['City', i.city],
          ['Zip or postal code', i.postalCode],
          ['State and country', region(i.country, i.state)],
          ['Contact e-mail', mail(i.contactEmail)],
          ['Segment', i.segment],
          ['System application', i.systemApplication],
          ['Site type', SITE_TYPES[i.siteType] ?? i.siteType],
          ['System transition', i.systemTransition],
        ]}
      />
    </InfoSection>
  );
}

export function AdministratorSection({ r }: { r: RegistrationView }) {
  const a = r.siteAdministrator;
  return (
    <InfoSection id="sys-admin" title="Site administrator" testId="info-admin">
      <Facts
        rows={[
          ['Name', a.name],
          ['Company', a.company],
          ['Phone', a.phone ? <a href={`tel:${a.phone}`}>{a.phone}</a> : ''],
          ['E-mail', mail(a.email)],
          ['Address', a.street],
          ['City', a.city],
          ['Zip or postal code', a.postalCode],
          ['State and country', region(a.country, a.state)],
          ['Site notes', a.notes ? <span className="sys-pre">{a.notes}</span> : ''],
        ]}
      />
    </InfoSection>
  );
}

export function WarrantySection({ r }: { r: RegistrationView }) {
  const w = r.warranty;
  return (
    <InfoSection id="sys-warranty" title="Warranty" testId="info-warranty">
      {w ? (
        <Facts
          rows={[
            ['Starts', formatDate(w.startDate)],
            ['Ends', formatDate(w.endDate)],
            ['Reference', w.reference],
            ['Notes', w.notes ? <span className="sys-pre">{w.notes}</span> : ''],
          ]}
        />
      ) : (
        <p className="muted">No warranty is recorded for this system.</p>
      )}
    </InfoSection>
  );
}

function ConsentAnswer({ given, at, by }: { given: boolean; at: string | null; by: string | null }) {
  if (!at) return <span className="muted">Not answered yet (the end user gives consent)</span>;
  return (
    <>
      <strong>{given ? 'Yes' : 'No'}</strong>, {by ? `by ${by}` : 'by an account no longer known'} on {formatWhen(at)}
    </>
  );
}

export function ConsentSection({ r }: { r: RegistrationView }) {
  const c = r.consent;
  return (
    <InfoSection id="sys-consent" title="Consent" testId="info-consent">
      <Facts
        rows={[
          ['Share system information', <ConsentAnswer key="s" {...c.shareSystemInformation} />],
          ['Share personal information', <ConsentAnswer key="p" {...c.sharePersonalInformation} />],
        ]}
      />
      {r.status === 'pending-consent' && <p className="sys-note">The registration stays pending until the end user answers yes to both questions.</p>}
    </InfoSection>
  );
}

function Party({ party, place }: { party: RegistrationView['integrator']; place: string }) {
  if (!party) return <span className="muted">No {place} account yet: the owner can invite one.</span>;
  return (
    <>
      {party.name}
      {party.organization && <>, {party.organization}</>} ({mail(party.email)})
    </>
  );
}

export function OwnersSection({ r }: { r: RegistrationView }) {
  return (
    <InfoSection id="sys-owners" title="Owners and invitations" testId="info-owners">
      <Facts
        rows={[
          ['Integrator', <Party key="i" party={r.integrator} place="integrator" />],
          ['End user', <Party key="e" party={r.endUser} place="end-user" />],
          ['Your role', roleLabel(r.yourRole)],
          ['Edit lock', r.integratorLocked ? 'The end user is associated: the integrator can no longer change the installation or site administrator.' : 'None'],
        ]}
      />
      {r.invitations.length === 0 ? (
        <p className="muted">Nobody has been invited to this system.</p>
      ) : (
        <table className="sys-data">
          <caption>Invitations</caption>
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Place</th>
              <th scope="col">Invited</th>
              <th scope="col">Expires</th>
              <th scope="col">Accepted</th>
            </tr>
          </thead>
          <tbody>
            {r.invitations.map((inv) => (
              <tr key={`${inv.email} ${inv.createdAt}`}>
                <td>{inv.email}</td>
                <td>{roleLabel(inv.role)}</td>
                <td>{formatWhen(inv.createdAt)}</td>
                <td>{formatWhen(inv.expiresAt)}</td>
                <td>{inv.acceptedAt ? formatWhen(inv.acceptedAt) : <span className="muted">Not yet</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}
