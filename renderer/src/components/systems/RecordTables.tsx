// The records kept about a registration: its System IDs over time, the codes issued, the site's
// last inventory, the audit log and the notification mail. Each a table with a caption and headers.
import type { SystemInformationView } from '../../../../shared/domain/online.js';
import type { SystemInformation } from '../../../../shared/portal/information.js';
import type { RegistrationView } from '../../../../shared/portal/systems.js';
import { InfoSection } from './Facts.js';
import { formatWhen } from './format.js';

export function SystemIdHistory({ r }: { r: RegistrationView }) {
  return (
    <InfoSection id="sys-history" title="System ID history" testId="info-history">
      <table className="sys-data">
        <caption className="visually-hidden">Every System ID this registration has had, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">System ID</th>
            <th scope="col">Associated</th>
            <th scope="col">Replaced</th>
          </tr>
        </thead>
        <tbody>
          {r.systemIds.map((s) => (
            <tr key={s.systemId} data-testid="history-row">
              <td>
                <code>{s.systemId}</code>
              </td>
              <td>{formatWhen(s.associatedAt)}</td>
              <td>{s.replacedAt ? `${formatWhen(s.replacedAt)} (database wiped, new System ID associated)` : <strong>Current</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </InfoSection>
  );
}

const CODE_KINDS = { register: 'Registration', associate: 'Association' } as const;

export function CodesIssued({ codes, applied }: { codes: SystemInformation['codes']; applied: SystemInformationView['applied'] }) {
  const appliedAt = new Map(applied.map((a) => [a.serial, a.appliedAt]));
  return (
    <InfoSection id="sys-codes" title="Registration codes issued" testId="info-codes">
      {codes.length === 0 ? (
        <p className="muted">No Registration code has been issued: the system was registered online, or no site has asked for a code yet.</p>
      ) : (
        <table className="sys-data">
          <caption className="visually-hidden">Codes issued for offline requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Serial</th>
              <th scope="col">Kind</th>
              <th scope="col">For System ID</th>
              <th scope="col">Issued</th>
              <th scope="col">Valid until</th>
              <th scope="col">Used</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((c) => {
              const used = appliedAt.get(c.serial);
              return (
                <tr key={c.serial} data-testid="code-row">
                  <td>{c.serial}</td>
                  <td>{CODE_KINDS[c.kind]}</td>
                  <td>
                    <code>{c.systemId}</code>
                  </td>
                  <td>{formatWhen(c.issuedAt)}</td>
                  <td>{formatWhen(c.validUntil)}</td>
                  <td>{used ? `Applied on this companion on ${formatWhen(used)}` : <span className="muted">Not known here</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}

const KINDS = { 'enterprise-central': 'Enterprise Central', 'enterprise-server': 'Enterprise Server', 'automation-server': 'Automation server' } as const;

export function InventoryTable({ inventory }: { inventory: SystemInformation['inventory'] }) {
  return (
    <InfoSection id="sys-inventory" title="Last reported inventory" testId="info-inventory">
      {!inventory ? (
        <p className="muted">The site has not reported its servers yet: they are reported when the system is registered online, or with an offline request file.</p>
      ) : (
        <>
          <p>
            Reported {formatWhen(inventory.reportedAt)}, {inventory.source === 'online' ? 'online by a logged-on companion' : 'with an offline request file'}: {inventory.servers.length}{' '}
            {inventory.servers.length === 1 ? 'server' : 'servers'}.
          </p>
          <div className="sys-scroll" tabIndex={0} role="region" aria-label="Last reported inventory (scrolls sideways)">
            <table className="sys-data">
              <caption className="visually-hidden">The servers the site reported</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Model</th>
                  <th scope="col">Serial number</th>
                  <th scope="col">Firmware</th>
                  <th scope="col">IP address</th>
                  <th scope="col">System ID</th>
                  <th scope="col">Lead or shadow</th>
                </tr>
              </thead>
              <tbody>
                {inventory.servers.map((s, n) => (
                  <tr key={`${s.systemId} ${n}`} data-testid="inventory-row">
                    <td>{s.name}</td>
                    <td>{KINDS[s.kind] ?? s.kind}</td>
                    <td>{s.model ?? <Unknown />}</td>
                    <td>{s.serialNumber ?? <Unknown />}</td>
                    <td>{s.firmwareVersion ?? <Unknown />}</td>
                    <td>{s.ipAddress ?? <Unknown />}</td>
                    <td>
                      <code>{s.systemId}</code>
                    </td>
                    <td>{s.role === 'lead' ? 'Lead' : 'Shadow'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </InfoSection>
  );
}

const Unknown = () => (
  <span className="muted" title="The server does not tell this">
    not told
  </span>
);

const ACTIONS: Record<string, string> = {
  'system.registered': 'Registered or changed',
  'system.modified': 'Changed',
  'system.invited': 'Invited',
  'system.claimed': 'Invitation accepted',
  'system.associated': 'New System ID associated',
  'system.inventory-reported': 'Inventory reported',
  'code.issued': 'Registration code issued',
};

/** An audit entry's detail as "key: value" pairs; nested values as compact JSON, long ones cut. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => {
      const text = typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}: ${text.length > 120 ? `${text.slice(0, 119)}…` : text}`;
    })
    .join('; ');
}

export function AuditLog({ audit }: { audit: SystemInformation['audit'] }) {
  return (
    <InfoSection id="sys-audit" title="Audit log" testId="info-audit">
      {audit.length === 0 ? (
        <p className="muted">Nothing has been recorded for this system yet.</p>
      ) : (
        <div className="sys-scroll" tabIndex={0} role="region" aria-label="Audit log (scrolls sideways)">
          <table className="sys-data">
            <caption className="visually-hidden">What was done to the registration, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((a) => (
                <tr key={a.id} data-testid="audit-row">
                  <td className="sys-when">{formatWhen(a.at)}</td>
                  <td>{a.actor ?? <span className="muted">The portal</span>}</td>
                  <td>{ACTIONS[a.action] ?? a.action}</td>
                  <td className="sys-detail">{detailText(a.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </InfoSection>
  );
}

const MAIL_STATES = { sent: 'Sent', queued: 'Waiting to be sent', failed: 'Not sent' } as const;

export function MailLog({ mail }: { mail: SystemInformation['mail'] }) {
  return (
    <InfoSection id="sys-mail" title="Notification mail" testId="info-mail">
      {mail.length === 0 ? (
        <p className="muted">No notification mail has been sent about this system.</p>
      ) : (
        <table className="sys-data">
          <caption className="visually-hidden">Mail the portal sent about this system, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Recipients</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {mail.map((m) => (
              <tr key={m.id} data-testid="mail-row">
                <td>{m.recipients.join(', ')}</td>
                <td>{m.subject}</td>
                <td>
                  {MAIL_STATES[m.state]}
                  {m.state !== 'sent' && m.attempts > 0 && ` after ${m.attempts} ${m.attempts === 1 ? 'try' : 'tries'}`}
                  {m.lastError && m.state !== 'sent' && <span className="sys-mail-error">: {m.lastError}</span>}
                </td>
                <td>{m.sentAt ? `Sent ${formatWhen(m.sentAt)}` : `Queued ${formatWhen(m.queuedAt)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </InfoSection>
  );
}
