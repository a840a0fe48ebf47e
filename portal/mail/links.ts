// The links the portal's mail carries, on its public address (config publicUrl; behind a proxy,
// the proxy's). Each opens a page on the portal (portal/pages/): opening it changes nothing; the
// page's button does, so a mail scanner that fetches links cannot use them up.
export const PAGE_PATHS = { verifyEmail: '/verify-email', acceptInvitation: '/accept-invitation' } as const;

export interface PortalLinks {
  verifyEmail(token: string): string;
  acceptInvitation(token: string): string;
}

/** `publicUrl` is read when a link is made: the listening address is known only after start. */
export function portalLinks(publicUrl: () => string): PortalLinks {
  const link = (path: string, token: string) => {
    const base = publicUrl();
    const url = new URL(path.slice(1), base.endsWith('/') ? base : `${base}/`);
    url.searchParams.set('token', token);
    return url.toString();
  };
  return {
    verifyEmail: (token) => link(PAGE_PATHS.verifyEmail, token),
    acceptInvitation: (token) => link(PAGE_PATHS.acceptInvitation, token),
  };
}
