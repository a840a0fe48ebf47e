// The boundary between the app and the BMS servers. The rest of the app reads identities and
// children through this interface, so the source of a System ID can change (DOMAIN.md: whether
// the EWS System Id is the registration System ID is not publicly confirmed) without touching it.
import type { Registration, ServerKind } from '../../../shared/domain/server.js';

export interface ServerIdentity {
  systemId: string;
  name: string;
  version: string;
  model: string;
  kind: ServerKind;
}

export interface ChildServer {
  name: string;
  /** Base URL of the child, as the parent reports it. */
  address: string;
}

export type ConnectorFailure =
  | 'unreachable'
  | 'timeout'
  | 'auth' // wrong credentials
  | 'ews-disabled'
  | 'malformed' // the answer was not the XML we expect
  | 'fault' // a SOAP fault
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
  readChildren(address: string, signal?: AbortSignal): Promise<ChildServer[]>;
  /** Registration as the server holds it; absent where the source cannot tell. */
  readRegistration?(address: string, signal?: AbortSignal): Promise<Registration | null>;
  /** Writes every registration item at once; the server applies all or none. */
  writeRegistration?(address: string, registration: Registration, signal?: AbortSignal): Promise<void>;
}
