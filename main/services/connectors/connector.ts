// The boundary between the app and the BMS servers. The rest of the app reads identities and
// children through this interface, so the source of a System ID can change (DOMAIN.md: whether
// the EWS System Id is the registration System ID is not publicly confirmed) without touching it.
// Every guess about what real servers expose stays behind it (docs/ews-servers.md).
import type { Registration } from '../../../shared/domain/server.js';

export interface ServerIdentity {
  systemId: string;
  /** '' when the server does not say. */
  name: string;
  /** Product version ('' when the server does not say). */
  version: string;
  /** Hardware or product model; '' because no public EWS element names it (fact sheet 5.6). */
  model: string;
}

export interface ChildServer {
  name: string;
  /** Base URL of the child as the parent reports it; null when the parent does not say. */
  address: string | null;
}

/** What a server says about the servers attached to it. */
export interface ServerChildren {
  /** The server can have servers attached (an Enterprise Server or Central), even if none are now. */
  hostsServers: boolean;
  children: ChildServer[];
}

/** A registration read, or why it could not be: the rest of the read still counts. */
export type RegistrationRead = { ok: true; registration: Registration } | { ok: false; problem: string };

export type ConnectorFailure =
  | 'unreachable'
  | 'timeout'
  | 'auth' // wrong credentials, or the account may not do this
  | 'ews-disabled'
  | 'malformed' // the answer was not the XML we expect
  | 'fault' // a SOAP fault
  | 'refused' // the server answered, but refused an item (a write it did not take)
  | 'http' // another HTTP status
  | 'certificate' // HTTPS with a certificate the user has not trusted
  | 'cancelled';

export class ConnectorError extends Error {
  constructor(
    readonly failure: ConnectorFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface SiteConnector {
  readIdentity(address: string, signal?: AbortSignal): Promise<ServerIdentity>;
  readChildren(address: string, signal?: AbortSignal): Promise<ServerChildren>;
  /** Registration as the server holds it; absent where the source cannot tell. */
  readRegistration?(address: string, signal?: AbortSignal): Promise<RegistrationRead>;
  /**
   * Writes every registration item. Resolves only when the server confirmed every item; an item
   * it refused is a ConnectorError ('refused') with the server's message. Items it took stay
   * written, so a retry writes them all again.
   */
  writeRegistration?(address: string, registration: Registration, signal?: AbortSignal): Promise<void>;
}
