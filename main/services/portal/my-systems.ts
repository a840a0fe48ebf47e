// My systems and the System Information page, through the Portal screen's session: one page of the
// account's systems, all of them as CSV, and everything about one registration, set beside what
// this companion read of the same site.
import { stringify } from 'csv-stringify/sync';
import type { SystemInformationView, SystemsQuery } from '../../../shared/domain/online.js';
import type { SystemPage, SystemSummary } from '../../../shared/portal/systems.js';
import { compareSite } from '../online/site-comparison.js';
import type { SiteStore } from '../store/site-store.js';
import type { PortalService } from './portal-service.js';

const PAGE = 200;
/** Far above any one account's systems; a bound so a runaway export ends. */
const EXPORT_MAX = 100_000;

const STATUS = (s: SystemSummary) => (s.status === 'pending-consent' ? 'Pending consent' : s.delivery === 'offline' ? 'Registered offline' : s.delivery === 'online' ? 'Registered online' : 'Registered');

/** Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula: such cells are quoted with a leading apostrophe. */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export async function listSystems(portal: PortalService, query: SystemsQuery): Promise<SystemPage> {
  return portal.call('listSystems', { query: { ...query, q: query.q?.trim() || undefined } });
}

export async function exportSystems(portal: PortalService, query: Pick<SystemsQuery, 'q' | 'sort' | 'order'>): Promise<{ fileName: string; csv: string; count: number }> {
  const rows: SystemSummary[] = [];
  for (let offset = 0; offset < EXPORT_MAX; offset += PAGE) {
    const page = await listSystems(portal, { ...query, offset, limit: PAGE });
    rows.push(...page.items);
    if (page.items.length < PAGE || rows.length >= page.total) break;
  }
  const csv = stringify(
    rows.map((s) => [s.systemId, s.siteName, s.city, s.country, STATUS(s), s.yourRole === 'integrator' ? 'Integrator' : 'End user', s.updatedAt].map(cell)),
    { header: true, columns: ['System ID', 'Site name', 'City', 'Country', 'Status', 'Your role', 'Last change'], record_delimiter: 'windows' },
  );
  return { fileName: `my-systems-${new Date().toISOString().slice(0, 10)}.csv`, csv, count: rows.length };
}

export async function systemInformation(
  portal: PortalService,
  site: SiteStore,
  appliedSerials: (systemIds: string[]) => { serial: number; appliedAt: string }[],
  systemId: string,
): Promise<SystemInformationView> {
  const info = await portal.call('systemInformation', { params: { systemId } });
  return {
    portal: info,
    site: compareSite(info, site.snapshot()),
    applied: appliedSerials(info.registration.systemIds.map((s) => s.systemId)),
  };
}
