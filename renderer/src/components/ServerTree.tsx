import { useMemo, useState } from 'react';
import { ATTENTION_STATUSES, SERVER_KIND_LABELS, SERVER_KINDS, type ServerStatus, type ServerView } from '../../../shared/domain/server.js';
import { StatusBadge } from './StatusBadge.js';

/** Parents with more children than this start folded, so a full-size site stays readable. */
const FOLD_OVER = 25;

interface Row {
  server: ServerView;
  depth: number;
  childCount: number;
}

function treeRows(servers: ServerView[], folded: Set<string>, matches: (s: ServerView) => boolean): Row[] {
  const known = new Set(servers.map((s) => s.address));
  const byParent = new Map<string | null, ServerView[]>();
  for (const s of servers) {
    const parent = s.parentAddress && known.has(s.parentAddress) ? s.parentAddress : null;
    const list = byParent.get(parent);
    if (list) list.push(s);
    else byParent.set(parent, [s]);
  }
  // The top tier first (EC, then ES, then stand-alone automation servers), then by name.
  const tier = (s: ServerView) => SERVER_KINDS.indexOf(s.kind);
  for (const list of byParent.values()) list.sort((a, b) => tier(a) - tier(b) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const rows: Row[] = [];
  const filtering = servers.some((s) => !matches(s));
  const visit = (parent: string | null, depth: number) => {
    for (const s of byParent.get(parent) ?? []) {
      const children = byParent.get(s.address)?.length ?? 0;
      if (matches(s)) rows.push({ server: s, depth: filtering ? 0 : depth, childCount: children });
      if (filtering || !folded.has(s.address)) visit(s.address, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export type StatusFilter = 'all' | 'attention' | ServerStatus;

export function ServerTree({ servers, selected, onSelect }: { servers: ServerView[]; selected: string | null; onSelect(address: string): void }) {
  const [unfolded, setUnfolded] = useState<Set<string>>(new Set());
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  const byAddress = useMemo(() => new Map(servers.map((s) => [s.address, s])), [servers]);
  const folded = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of servers) if (s.parentAddress) counts.set(s.parentAddress, (counts.get(s.parentAddress) ?? 0) + 1);
    return new Set([...counts].filter(([address, n]) => n > FOLD_OVER && !unfolded.has(address)).map(([address]) => address));
  }, [servers, unfolded]);
  const needle = query.trim().toLowerCase();
  const matches = (s: ServerView) =>
    (filter === 'all' || (filter === 'attention' ? ATTENTION_STATUSES.includes(s.status) : s.status === filter)) &&
    (!needle || s.name.toLowerCase().includes(needle) || s.systemId.toLowerCase().includes(needle) || s.address.toLowerCase().includes(needle));
  const rows = treeRows(servers, folded, matches);
  const toggle = (address: string) =>
    setUnfolded((prev) => {
      const next = new Set(prev);
      if (folded.has(address)) next.add(address);
      else next.delete(address);
      return next;
    });
  const attention = servers.filter((s) => ATTENTION_STATUSES.includes(s.status)).length;

  return (
    <div className="tree">
      <div className="tree-tools">
        <input type="search" placeholder="Find by name, System ID or address" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} aria-label="Find servers" />
        <select value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)} aria-label="Show">
          <option value="all">All servers ({servers.length.toLocaleString()})</option>
          <option value="attention">Needs attention ({attention.toLocaleString()})</option>
          <option value="registered">Registered</option>
          <option value="inherits">Inherits from lead</option>
          <option value="unregistered">Unregistered</option>
          <option value="needs-reassociation">Needs re-association</option>
          <option value="unreachable">Unreachable</option>
          <option value="ews-disabled">EWS disabled</option>
        </select>
      </div>
      <table className="servers" aria-label="Servers">
        <thead>
          <tr>
            <th>Server</th>
            <th>Type</th>
            <th>System ID</th>
            <th>Status</th>
            <th>Registration from</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ server: s, depth, childCount }) => (
            <tr
              key={s.address}
              data-testid="server-row"
              data-address={s.address}
              className={s.address === selected ? 'selected' : undefined}
              onClick={() => onSelect(s.address)}
              aria-selected={s.address === selected}
            >
              <td>
                <span className="name" style={{ paddingLeft: `${depth * 20}px` }}>
                  {childCount > 0 ? (
                    <button
                      type="button"
                      className="fold"
                      aria-label={folded.has(s.address) ? `Show the ${childCount} servers below ${s.name}` : `Hide the servers below ${s.name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(s.address);
                      }}
                    >
                      {folded.has(s.address) ? '▸' : '▾'}
                    </button>
                  ) : (
                    <span className="fold-space" />
                  )}
                  <button type="button" className="link" onClick={() => onSelect(s.address)}>
                    {s.name}
                  </button>
                  {folded.has(s.address) && <span className="muted small"> ({childCount} below)</span>}
                </span>
              </td>
              <td>{SERVER_KIND_LABELS[s.kind]}</td>
              <td>
                <code data-testid="system-id">{s.systemId}</code>
              </td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td className="muted">{s.role === 'lead' ? 'Own (lead)' : `${byAddress.get(s.leadAddress)?.name ?? s.leadAddress}${s.relationship === 'user' ? ' (set by you)' : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">No server matches.</p>}
    </div>
  );
}
