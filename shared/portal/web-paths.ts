// The addresses of the portal's web app (portal/web/): the portal answers each with the app's
// page (portal/http/web-app.ts) and the app shows the screen the address names, so a link, a
// reload or the Back button lands where it should. A page about one system carries its System ID
// (case-sensitive, any character) in the query string, never in the path: /systems/system?id=...
export const WEB_APP_PATHS = [
  '/',
  '/log-on',
  '/sign-up',
  '/invitations/accept',
  '/customers/accept',
  '/organization',
  '/organization/co-workers',
  '/customers',
  '/partners',
  '/licenses',
  '/systems',
  '/systems/system',
  '/customers/system',
  '/admin/partner-id-requests',
] as const;
export type WebAppPath = (typeof WEB_APP_PATHS)[number];

export const isWebAppPath = (path: string): path is WebAppPath => (WEB_APP_PATHS as readonly string[]).includes(path);
