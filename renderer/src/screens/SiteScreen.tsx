import { useEffect, useState, type FormEvent } from 'react';
import { ServerTable } from '../components/ServerTable.js';
import { useSite } from '../stores/site.js';

export function SiteScreen() {
  const { snapshot, reading, error, read } = useSite();
  const [address, setAddress] = useState('');
  useEffect(() => {
    if (snapshot?.address && address === '') setAddress(snapshot.address);
  }, [snapshot?.address]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void read(address);
  };
  const fieldError = error?.issues?.find((i) => i.path === 'address')?.message;

  return (
    <section className="screen" aria-labelledby="site-title">
      <header className="screen-header">
        <h1 id="site-title">Site</h1>
        <p className="muted">Point the companion at the site's Enterprise Central, Enterprise Server or a stand-alone automation server.</p>
      </header>
      <form className="connect" onSubmit={submit}>
        <label htmlFor="site-address">Server address</label>
        <input
          id="site-address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="10.0.0.5, es01:8080 or https://es01"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'site-address-error' : undefined}
          spellCheck={false}
          autoComplete="off"
        />
        <button type="submit" disabled={reading}>
          {reading ? 'Reading…' : snapshot?.address ? 'Read again' : 'Read site'}
        </button>
      </form>
      {error && (
        <p role="alert" id="site-address-error" className="error">
          {fieldError ?? error.message}
        </p>
      )}
      {snapshot && snapshot.servers.length > 0 && (
        <>
          <p className="muted" data-testid="read-summary">
            {snapshot.servers.length} servers read from {snapshot.address}
            {snapshot.readAt && <> at {new Date(snapshot.readAt).toLocaleString()}</>}
          </p>
          <ServerTable servers={snapshot.servers} />
        </>
      )}
      {snapshot && snapshot.failures.length > 0 && (
        <div className="failures" role="status">
          <h2>Could not read</h2>
          <ul>
            {snapshot.failures.map((f) => (
              <li key={f.address}>
                <code>{f.address}</code>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {snapshot && snapshot.servers.length === 0 && snapshot.failures.length === 0 && !reading && (
        <p className="empty">No site read yet. Enter the address of the top server and choose Read site.</p>
      )}
    </section>
  );
}
