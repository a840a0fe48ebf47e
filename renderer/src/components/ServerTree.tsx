import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENTION_STATUSES, SERVER_KINDS, type ServerStatus, type ServerView } from '../../../shared/domain/server.js';
import { attr } from '../lib/focus.js';
import { formatCount } from '../lib/format.js';
import { kindLabel, statusLabel } from '../lib/servers.js';
import { StatusBadge } from './StatusBadge.js';

/** Parents with more children than this start folded, so a full-size site stays readable. */
const FOLD_OVER = 25;

interface Row {
  server: ServerView;
  depth: number;
  childCount: number;
  /** The row above it in the tree (its parent), for Left; null at the top or while filtering. */
  parent: string | null;
}

function treeRows(servers: ServerView[], expanded: (address: string, children: number) => boolean, matches: (s: ServerView) => boolean): Row[] {
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
      if (matches(s)) rows.push({ server: s, depth: filtering ? 0 : depth, childCount: filtering ? 0 : children, parent: filtering ? null : parent });
      if (filtering || expanded(s.address, children)) visit(s.address, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

export type StatusFilter = 'all' | 'attention' | ServerStatus;

/** The statuses the filter offers one by one ("not read this time" is among those needing attention). */
const FILTER_STATUSES: readonly ServerStatus[] = ['registered', 'inherits', 'unregistered', 'needs-reassociation', 'unreachable', 'ews-disabled'];

/**
 * The site's servers as a WAI-ARIA treegrid: one Tab stop (the current row, roving tabindex);
 * Up/Down move, Right opens a folded server or goes to its first child, Left folds it or goes to
 * its parent, Home/End go to the first/last row, Enter or Space select (the details open).
 */
export function ServerTree({ servers, selected, onSelect }: { servers: ServerView[]; selected: string | null; onSelect(address: string): void }) {
  const { t } = useTranslation();
  // Expanded or folded by the person; otherwise a server with many below it starts folded.
  const [choices, setChoices] = useState<Map<string, boolean>>(new Map());
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [current, setCurrent] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const byAddress = useMemo(() => new Map(servers.map((s) => [s.address, s])), [servers]);
  const expanded = (address: string, children: number) => choices.get(address) ?? children <= FOLD_OVER;
  const needle = query.trim().toLowerCase();
  const matches = (s: ServerView) =>
    (filter === 'all' || (filter === 'attention' ? ATTENTION_STATUSES.includes(s.status) : s.status === filter)) &&
    (!needle || s.name.toLowerCase().includes(needle) || s.systemId.toLowerCase().includes(needle) || s.address.toLowerCase().includes(needle));
  const rows = treeRows(servers, expanded, matches);
  const setExpanded = (address: string, open: boolean) => setChoices((prev) => new Map(prev).set(address, open));
  const attention = servers.filter((s) => ATTENTION_STATUSES.includes(s.status)).length;
  /** A shadow's lead, and whether the person chose it. */
  const leadName = (s: ServerView) => {
    const name = byAddress.get(s.leadAddress)?.name ?? s.leadAddress;
    return s.relationship === 'user' ? t('site.tree.setByYou', { name }) : name;
  };
  // The row that holds the Tab stop: the one last focused, else the selected one, else the first.
  const tabStop = rows.find((r) => r.server.address === current)?.server.address ?? rows.find((r) => r.server.address === selected)?.server.address ?? rows[0]?.server.address;

  const focusRow = (address: string | undefined) => {
    if (!address) return;
    setCurrent(address);
    table.current?.querySelector<HTMLElement>(`tr${attr('data-address', address)}`)?.focus();
  };
  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, row: Row, index: number) => {
    if (e.target !== e.currentTarget) return; // a key in a cell's own control
    const address = row.server.address;
    const open = row.childCount > 0 && expanded(address, row.childCount);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(rows[index + 1]?.server.address),
      ArrowUp: () => focusRow(rows[index - 1]?.server.address),
      Home: () => focusRow(rows[0]?.server.address),
      End: () => focusRow(rows.at(-1)?.server.address),
      ArrowRight: () => (row.childCount === 0 ? undefined : open ? focusRow(rows[index + 1]?.server.address) : setExpanded(address, true)),
      ArrowLeft: () => (open ? setExpanded(address, false) : focusRow(row.parent ?? undefined)),
      Enter: () => onSelect(address),
      ' ': () => onSelect(address),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  return (
    <div className="tree">
      <div className="tree-tools">
        <input type="search" placeholder={t('site.tree.find')} value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} aria-label={t('site.tree.findLabel')} />
        <select value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)} aria-label={t('site.tree.show')}>
          <option value="all">{t('site.tree.all', { n: formatCount(servers.length) })}</option>
          <option value="attention">{t('site.tree.attention', { n: formatCount(attention) })}</option>
          {FILTER_STATUSES.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      <table className="servers" role="treegrid" aria-label={t('site.tree.label')} aria-describedby="tree-keys" ref={table}>
        <thead>
          <tr>
            <th>{t('site.tree.server')}</th>
            <th>{t('site.tree.status')}</th>
            <th className="col-id">{t('site.tree.systemId')}</th>
            <th className="col-type">{t('site.tree.type')}</th>
            <th className="col-from">{t('site.tree.from')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const { server: s, depth, childCount } = row;
            const open = childCount > 0 && expanded(s.address, childCount);
            return (
              <tr
                key={s.address}
                data-testid="server-row"
                data-address={s.address}
                className={s.address === selected ? 'selected' : undefined}
                role="row"
                tabIndex={s.address === tabStop ? 0 : -1}
                aria-level={depth + 1}
                aria-expanded={childCount > 0 ? open : undefined}
                aria-selected={s.address === selected}
                onClick={() => onSelect(s.address)}
                onFocus={(e) => e.target === e.currentTarget && setCurrent(s.address)}
                onKeyDown={(e) => onRowKey(e, row, index)}
              >
                <td>
                  <span className="name" style={{ paddingLeft: `${depth * 20}px` }}>
                    {childCount > 0 ? (
                      <button
                        type="button"
                        className="fold"
                        tabIndex={-1}
                        aria-label={open ? t('site.tree.hideBelow', { name: s.name }) : t('site.tree.showBelow', { count: childCount, name: s.name })}
                        onClick={(e) => {
                          e.stopPropagation();
                          setExpanded(s.address, !open);
                        }}
                      >
                        {open ? '▾' : '▸'}
                      </button>
                    ) : (
                      <span className="fold-space" />
                    )}
                    <button
                      type="button"
                      className="link"
                      tabIndex={-1}
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(s.address);
                      }}
                    >
                      {s.name}
                    </button>
                    {!open && childCount > 0 && <span className="muted small"> {t('site.tree.below', { n: formatCount(childCount) })}</span>}
                  </span>
                </td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td className="col-id">
                  <code data-testid="system-id">{s.systemId}</code>
                </td>
                <td className="col-type">{kindLabel(s.kind)}</td>
                <td className="muted col-from">{s.role === 'lead' ? t('site.tree.ownLead') : leadName(s)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p id="tree-keys" className="muted small tree-keys">
        {t('site.tree.keys')}
      </p>
      {rows.length === 0 && <p className="empty">{t('site.tree.noMatch')}</p>}
    </div>
  );
}
