// The names of every call and event, with no dependencies, so the preload can walk them without
// bundling zod. `schemas.ts` must have exactly these keys: the compiler checks it.

export const CALL_NAMES = [
  'app.info',
  'site.connection',
  'site.connection.save',
  'site.discover',
  'site.cancel',
  'site.progress',
  'site.tree',
  'site.server',
  'site.lead.preview',
  'site.lead.set',
  'site.certificate.probe',
  'site.certificate.trust',
  'site.certificate.distrust',
  'site.shadow.rewrite',
  'offline.status',
  'offline.request.create',
  'offline.request.cancel',
  'offline.code.apply',
  'offline.retry',
  'offline.keys.import',
  'portal.session',
  'portal.connect',
  'portal.logon',
  'portal.logoff',
  'portal.verification',
  'portal.mfa.enrol',
  'portal.mfa.confirm',
  'portal.system.access',
  'portal.system.get',
  'portal.system.register',
  'portal.system.invite',
  'portal.code.issue',
  'portal.cancel',
  'portal.systems.list',
  'portal.systems.export',
  'portal.system.information',
  'portal.customers.list',
  'portal.customers.systems',
  'portal.customers.registrations',
  'portal.customers.registration',
  'portal.customers.edit',
  'online.check',
  'online.status',
  'online.register',
  'online.associate',
  'online.retry',
  'portal.geo.countries',
  'portal.geo.states',
  'portal.geo.cities',
] as const;
export const EVENT_NAMES = ['site.changed', 'site.progress', 'offline.changed', 'online.changed'] as const;

export type CallName = (typeof CALL_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && (CALL_NAMES as readonly string[]).includes(name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);

/** Channel names used by the Electron host and the preload. */
export const IPC_CALL_CHANNEL = 'companion:call';
export const IPC_EVENT_CHANNEL = 'companion:event';
