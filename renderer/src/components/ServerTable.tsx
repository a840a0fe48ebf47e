import { SERVER_KIND_LABELS, type ServerView } from '../../../shared/domain/server.js';

const depth = (server: ServerView, byAddress: Map<string, ServerView>): number => {
  let d = 0;
  for (let p = server.parentAddress; p && d < 4; p = byAddress.get(p)?.parentAddress ?? null) d++;
  return d;
};

/** Servers in tree order: each parent followed by the servers attached to it. */
function treeOrder(servers: ServerView[]): ServerView[] {
  const byParent = new Map<string | null, ServerView[]>();
  const known = new Set(servers.map((s) => s.address));
  for (const s of servers) {
    const parent = s.parentAddress && known.has(s.parentAddress) ? s.parentAddress : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const out: ServerView[] = [];
  const visit = (parent: string | null) => {
    for (const s of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))) {
      out.push(s);
      visit(s.address);
    }
  };
  visit(null);
  return out;
}

export function ServerTable({ servers }: { servers: ServerView[] }) {
  const byAddress = new Map(servers.map((s) => [s.address, s]));
  return (
    <table className="servers" aria-label="Servers">
      <thead>
        <tr>
          <th>Server</th>
          <th>Type</th>
          <th>System ID</th>
          <th>Version</th>
          <th>Address</th>
        </tr>
      </thead>
      <tbody>
        {treeOrder(servers).map((s) => (
          <tr key={s.address} data-testid="server-row" data-address={s.address}>
            <td>
              <span className="indent" style={{ paddingLeft: `${depth(s, byAddress) * 20}px` }}>
                {s.name}
              </span>
            </td>
            <td>{SERVER_KIND_LABELS[s.kind]}</td>
            <td>
              <code data-testid="system-id">{s.systemId}</code>
            </td>
            <td>{s.version}</td>
            <td className="muted">{s.address}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
