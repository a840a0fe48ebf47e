// The registration's own fields as the portal holds them: installation, site administrator,
// warranty and consent, then who owns the system and who was invited.
import { Trans, useTranslation } from 'react-i18next';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { Facts, InfoSection } from './Facts.js';
import { applicationLabel, countryName, formatDate, formatWhen, roleLabel, segmentLabel } from './format.js';

const SITE_TYPE_KEYS: Record<string, 'singleSite' | 'multiSite'> = { 'single-site': 'singleSite', 'multi-site': 'multiSite' };

const mail = (address: string) => (address ? <a href={`mailto:${address}`}>{address}</a> : '');
const region = (country: string, state: string) => [state, countryName(country)].filter(Boolean).join(', ');

export function InstallationSection({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  const i = r.installation;
  const siteType = SITE_TYPE_KEYS[i.siteType];
  return (
    <InfoSection id="sys-installation" title={t('systems.installation.title')} testId="info-installation">
      <Facts
        rows={[
          [t('systems.installation.siteName'), i.siteName],
          [t('systems.installation.siteCompany'), i.siteCompany],
          [t('systems.installation.address'), i.street],
          [t('systems.installation.city'), i.city],
          [t('systems.installation.postalCode'), i.postalCode],
          [t('systems.installation.region'), region(i.country, i.state)],
          [t('systems.installation.contactEmail'), mail(i.contactEmail)],
          [t('systems.installation.segment'), segmentLabel(i.segment)],
          [t('systems.installation.systemApplication'), applicationLabel(i.systemApplication)],
          [t('systems.installation.siteType'), siteType ? t(`systems.installation.${siteType}`) : i.siteType],
          [t('systems.installation.systemTransition'), i.systemTransition],
        ]}
      />
    </InfoSection>
  );
}

export function AdministratorSection({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  const a = r.siteAdministrator;
  return (
    <InfoSection id="sys-admin" title={t('systems.administrator.title')} testId="info-admin">
      <Facts
        rows={[
          [t('systems.administrator.name'), a.name],
          [t('systems.administrator.company'), a.company],
          [t('systems.administrator.phone'), a.phone ? <a href={`tel:${a.phone}`}>{a.phone}</a> : ''],
          [t('systems.administrator.email'), mail(a.email)],
          [t('systems.administrator.address'), a.street],
          [t('systems.administrator.city'), a.city],
          [t('systems.administrator.postalCode'), a.postalCode],
          [t('systems.administrator.region'), region(a.country, a.state)],
          [t('systems.administrator.notes'), a.notes ? <span className="sys-pre">{a.notes}</span> : ''],
        ]}
      />
    </InfoSection>
  );
}

export function WarrantySection({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  const w = r.warranty;
  return (
    <InfoSection id="sys-warranty" title={t('systems.warranty.title')} testId="info-warranty">
      {w ? (
        <Facts
          rows={[
            [t('systems.warranty.starts'), formatDate(w.startDate)],
            [t('systems.warranty.ends'), formatDate(w.endDate)],
            [t('systems.warranty.reference'), w.reference],
            [t('systems.warranty.notes'), w.notes ? <span className="sys-pre">{w.notes}</span> : ''],
          ]}
        />
      ) : (
        <p className="muted">{t('systems.warranty.none')}</p>
      )}
    </InfoSection>
  );
}

function ConsentAnswer({ given, at, by }: { given: boolean; at: string | null; by: string | null }) {
  const { t } = useTranslation();
  if (!at) return <span className="muted">{t('systems.consent.notAnswered')}</span>;
  const answer = given ? t('systems.consent.yes') : t('systems.consent.no');
  return <Trans i18nKey={by ? 'systems.consent.answeredBy' : 'systems.consent.answeredByUnknown'} values={{ answer, by, when: formatWhen(at) }} components={{ strong: <strong /> }} />;
}

export function ConsentSection({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  const c = r.consent;
  return (
    <InfoSection id="sys-consent" title={t('systems.consent.title')} testId="info-consent">
      <Facts
        rows={[
          [t('systems.consent.shareSystem'), <ConsentAnswer key="s" {...c.shareSystemInformation} />],
          [t('systems.consent.sharePersonal'), <ConsentAnswer key="p" {...c.sharePersonalInformation} />],
        ]}
      />
      {r.status === 'pending-consent' && <p className="sys-note">{t('systems.consent.pendingNote')}</p>}
    </InfoSection>
  );
}

function Party({ party, place }: { party: RegistrationView['integrator']; place: 'integrator' | 'end-user' }) {
  const { t } = useTranslation();
  if (!party) return <span className="muted">{place === 'integrator' ? t('systems.owners.noIntegrator') : t('systems.owners.noEndUser')}</span>;
  return (
    <>
      {party.name}
      {party.organization && <>, {party.organization}</>} ({mail(party.email)})
    </>
  );
}

export function OwnersSection({ r }: { r: RegistrationView }) {
  const { t } = useTranslation();
  return (
    <InfoSection id="sys-owners" title={t('systems.owners.title')} testId="info-owners">
      <Facts
        rows={[
          [t('systems.owners.integrator'), <Party key="i" party={r.integrator} place="integrator" />],
          [t('systems.owners.endUser'), <Party key="e" party={r.endUser} place="end-user" />],
          [t('systems.owners.role'), roleLabel(r.yourRole)],
          [t('systems.owners.editLock'), r.integratorLocked ? t('systems.owners.locked') : t('systems.owners.unlocked')],
        ]}
      />
      {r.invitations.length === 0 ? (
        <p className="muted">{t('systems.owners.noInvitations')}</p>
      ) : (
        <table className="sys-data">
          <caption>{t('systems.owners.invitations')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('systems.owners.email')}</th>
              <th scope="col">{t('systems.owners.place')}</th>
              <th scope="col">{t('systems.owners.invited')}</th>
              <th scope="col">{t('systems.owners.expires')}</th>
              <th scope="col">{t('systems.owners.accepted')}</th>
            </tr>
          </thead>
          <tbody>
            {r.invitations.map((inv) => (
              <tr key={`${inv.email} ${inv.createdAt}`}>
                <td>{inv.email}</td>
                <td>{roleLabel(inv.role)}</td>
                <td>{formatWhen(inv.createdAt)}</td>
                <td>{formatWhen(inv.expiresAt)}</td>
                <td>{inv.acceptedAt ? formatWhen(inv.acceptedAt) : <span className="muted">{t('systems.owners.notYet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}
