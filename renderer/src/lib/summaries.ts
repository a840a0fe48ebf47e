// One plain sentence for what a registration came to, in the chosen language: made here from the
// request's or the result's fields (main's English summary stays for its logs and tests).
import type { TFunction } from 'i18next';
import type { OnlineResultView } from '../../../shared/domain/online.js';
import type { OfflineRequestView } from '../../../shared/domain/offline.js';
import { formatDate } from '../i18n/index.js';

type Servers = OfflineRequestView['servers'];

function written(t: TFunction, servers: Servers): string {
  const done = servers.filter((s) => s.state === 'done').length;
  const failed = servers.filter((s) => s.state === 'failed').length;
  if (done === servers.length) return t('results.written.all', { count: servers.length });
  const rest = failed ? t('results.written.failed', { count: failed }) : t('results.written.retrying');
  return t('results.written.some', { count: servers.length, done }) + rest;
}

export function offlineSummary(t: TFunction, r: OfflineRequestView): string {
  if (r.state === 'pending') return t('results.offline.pending', { id: r.id, date: formatDate(new Date(r.createdAt)) });
  if (r.state === 'cancelled' || !r.grant || !r.appliedAt) return t('results.offline.cancelled', { id: r.id });
  const how = r.grant.via === 'code' ? t('results.offline.viaCode', { code: r.grant.code }) : t('results.offline.viaToken', { serial: r.grant.serial });
  const values = { id: r.systemId, date: formatDate(new Date(r.appliedAt)), how, written: written(t, r.servers) };
  return r.kind === 'register' ? t('results.offline.registered', values) : t('results.offline.associated', values);
}

export function onlineSummary(t: TFunction, result: OnlineResultView): string {
  const values = { id: result.systemId, old: result.previousSystemId ?? '', date: formatDate(new Date(result.createdAt)), written: written(t, result.servers) };
  return result.kind === 'register' ? t('results.online.registered', values) : t('results.online.associated', values);
}
