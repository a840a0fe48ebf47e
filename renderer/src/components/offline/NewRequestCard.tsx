import { useEffect, useState } from 'react';
import type { OfflineKind, OfflineRequestView } from '../../../../shared/domain/offline.js';
import type { ServerView } from '../../../../shared/domain/server.js';
import type { ContractError } from '../../lib/errors.js';
import { counted } from '../../lib/format.js';
import { nameWithKind } from '../../lib/servers.js';
import type { OfflineTarget } from '../../stores/offline.js';

interface Props {
  servers: ServerView[];
  pending: OfflineRequestView[];
  target: OfflineTarget | null;
  creating: boolean;
  error: ContractError | null;
  onCreate(target: OfflineTarget): void;
  onReadSite(): void;
}

const registrable = (s: ServerView) => s.role === 'lead' && (s.status === 'unregistered' || s.status === 'registered');
const wiped = (s: ServerView) => !!s.previousSystemId;
const encode = (t: OfflineTarget) => `${t.kind} ${t.address}`;
const decode = (value: string): OfflineTarget | null => {
  const space = value.indexOf(' ');
  return space > 0 ? { kind: value.slice(0, space) as OfflineKind, address: value.slice(space + 1) } : null;
};

/** Choose what the request is for: a lead to register (with its shadows), or a wiped server to associate. */
export function NewRequestCard({ servers, pending, target, creating, error, onCreate, onReadSite }: Props) {
  const leads = servers.filter(registrable);
  const wipedServers = servers.filter(wiped);
  const first = wipedServers[0] ? { kind: 'associate' as const, address: wipedServers[0].address } : leads[0] ? { kind: 'register' as const, address: leads[0].address } : null;
  const [picked, setChoice] = useState(target ? encode(target) : '');
  // Requests made while this card is shown are the person's own, just made: no caution about them.
  const [shownSince] = useState(() => Date.now());
  useEffect(() => {
    if (target) setChoice(encode(target));
  }, [target]);
  // What was picked may no longer be offered (the server was registered or re-associated since): fall back to the first.
  const offered = [...wipedServers.map((s) => encode({ kind: 'associate', address: s.address })), ...leads.map((s) => encode({ kind: 'register', address: s.address }))];
  const choice = offered.includes(picked) ? picked : first ? encode(first) : '';
  const chosen = decode(choice);
  const server = chosen ? servers.find((s) => s.address === chosen.address) : undefined;
  const shadows = server ? servers.filter((s) => s.role === 'shadow' && s.leadAddress === server.address) : [];
  // A new request replaces a pending one for the same lead: said only about a request made before, whose code may be on its way.
  const replaces = chosen ? pending.find((r) => r.leadAddress === chosen.address && Date.parse(r.createdAt) < shownSince) : undefined;

  if (servers.length === 0) {
    return (
      <section className="card" aria-labelledby="new-request-title">
        <h2 id="new-request-title" tabIndex={-1}>
          Make a request
        </h2>
        <p>The site has not been read yet. Read it first, so the request carries each server’s current System ID.</p>
        <button type="button" onClick={onReadSite}>
          Go to Site
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="new-request-title">
      <h2 id="new-request-title" tabIndex={-1}>
        Make a request
      </h2>
      <form
        className="new-request"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosen) onCreate(chosen);
        }}
      >
        <div className="field">
          <label htmlFor="request-target">Server</label>
          <select id="request-target" value={choice} onChange={(e) => setChoice(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby="request-target-help">
            {!chosen && <option value="">Choose a server…</option>}
            {leads.length > 0 && (
              <optgroup label="Register (the top of a hierarchy, or stand-alone)">
                {leads.map((s) => (
                  <option key={s.address} value={encode({ kind: 'register', address: s.address })}>
                    {`${nameWithKind(s)}${s.status === 'registered' ? ' · registered already' : ''}`}
                  </option>
                ))}
              </optgroup>
            )}
            {wipedServers.length > 0 && (
              <optgroup label="Associate a new System ID (database wiped)">
                {wipedServers.map((s) => (
                  <option key={s.address} value={encode({ kind: 'associate', address: s.address })}>
                    {s.name}: {s.previousSystemId} → {s.systemId}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <div id="request-target-help" className="muted small">
            Only the top of a hierarchy is registered; the servers below it inherit the registration.
          </div>
        </div>
        {server && chosen && (
          <div className="request-preview" data-testid="request-preview">
            {chosen.kind === 'register' ? (
              <p>
                Registers <strong>{server.name}</strong> (System ID <code>{server.systemId}</code>)
                {shadows.length > 0 ? (
                  <>
                    {' '}
                    and its {counted(shadows.length, { one: 'shadow', other: 'shadows' })}: {shadows.slice(0, 5).map((s) => s.name).join(', ')}
                    {shadows.length > 5 ? ` and ${shadows.length - 5} more` : ''}.
                  </>
                ) : (
                  '.'
                )}
              </p>
            ) : (
              <p>
                Associates the new System ID <code>{server.systemId}</code> of <strong>{server.name}</strong> with the registration of <code>{server.previousSystemId}</code>.
              </p>
            )}
            {server.status === 'registered' && chosen.kind === 'register' && <p className="muted small">It is registered already; a new code replaces the registration the servers hold.</p>}
            {replaces && (
              <p className="notice small">
                Request {replaces.id} for this server is still waiting for its code. A new request replaces it: a code made for request {replaces.id} will no longer be accepted.
              </p>
            )}
          </div>
        )}
        {error && (
          <p className="error" role="alert" data-testid="create-error">
            {error.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={!chosen || creating}>
            {creating ? 'Making the request…' : 'Make request'}
          </button>
        </div>
      </form>
    </section>
  );
}
