// HTTP(S) for the EWS connector, on node:http with keep-alive: Digest authentication per server,
// certificates trusted only by explicit pin (never "accept all"), a deadline per request,
// cancellation, and every network failure mapped to a reason a person can act on.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { say } from '../../../../shared/messages/say.js';
import { ConnectorError } from '../connector.js';
import { DigestSession, type DigestSlot } from './digest.js';

export interface Credentials {
  username: string;
  password: string;
}

/** A certificate the user chose to trust for one host:port, after checking its fingerprint. */
export interface PinnedCertificate {
  pem: string;
  fingerprint256: string;
}

export interface TransportOptions {
  timeoutMs: number;
  credentialsFor?: (address: string) => Credentials | null;
  pinFor?: (hostPort: string) => PinnedCertificate | null;
  maxSockets?: number;
}

interface RawResponse {
  status: number;
  headers: NodeJS.Dict<string[]>;
  body: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** An EWS answer here is at most a page of items (tens of kB); 4 MB leaves room without risk. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export class HttpTransport {
  /** Requests sent, 401 challenges included: the benchmark reports it. */
  requests = 0;
  private readonly sessions = new Map<string, DigestSession>();
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(private readonly options: TransportOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async post(address: string, path: string, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    const url = new URL(address + path);
    const credentials = this.options.credentialsFor?.(address) ?? null;
    let session = credentials ? this.sessions.get(address) : undefined;
    if (credentials && (!session || session.username !== credentials.username)) {
      session = new DigestSession(credentials.username, credentials.password, this.options.maxSockets ?? 64);
      this.sessions.set(address, session);
    }
    if (!credentials || !session) return this.plainPost(url, body, headers, signal);
    const digest = session;
    const uri = url.pathname + url.search;
    let slot: DigestSlot | null = await digest.lease(signal).catch(() => {
      throw new ConnectorError('cancelled', say('ews.cancelled'));
    });
    try {
      const attempt = () => this.send(url, body, slot ? { ...headers, authorization: digest.authorize(slot, 'POST', uri) } : headers, signal);
      let response = await attempt();
      if (response.status === 401) {
        // A first challenge, a stale nonce, or a nonce the server no longer knows: answer the new
        // challenge once. Refused again, the user name or password is wrong.
        const challenge = response.headers['www-authenticate'] ?? [];
        if (slot && !/stale\s*=\s*"?true/i.test(challenge.join(','))) digest.forget();
        slot = digest.slotFor(challenge);
        if (!slot) throw new ConnectorError('auth', say('ews.authUnsupported', { offered: challenge.join('; ').slice(0, 120) || say('ews.noneOffered') }));
        response = await attempt();
        if (response.status === 401) throw new ConnectorError('auth', say('ews.authRefused', { username: credentials.username }));
      }
      if (slot) digest.release(slot);
      else digest.drop(); // the server asked for no authentication
      return response;
    } catch (error) {
      digest.drop();
      throw error;
    }
  }

  /** A request without credentials: a server that asks for them is an error the user must fix. */
  private async plainPost(url: URL, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    const response = await this.send(url, body, headers, signal);
    if (response.status === 401) throw new ConnectorError('auth', say('ews.authNeeded'));
    return response;
  }

  /**
   * One request. A kept-alive connection the server closed while idle shows as a reset on reuse;
   * that request is sent once more on a new connection, as Node's documentation advises.
   */
  private async send(url: URL, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    try {
      return await this.sendOnce(url, body, headers, signal);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
    }
    try {
      return await this.sendOnce(url, body, headers, signal);
    } catch (again) {
      throw again instanceof StaleSocketError ? describeNetworkError(again.cause, url) : again;
    }
  }

  private sendOnce(url: URL, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<RawResponse> {
    this.requests++;
    const secure = url.protocol === 'https:';
    const pin = secure ? (this.options.pinFor?.(url.host) ?? null) : null;
    const timeoutMs = this.options.timeoutMs;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new ConnectorError('cancelled', say('ews.cancelled')));
      const options: https.RequestOptions = {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body, 'utf8') },
        agent: secure ? this.httpsAgent : this.httpAgent,
      };
      if (pin) {
        // The pinned certificate is the only CA, and the exact certificate must be presented.
        // Host names are not checked: BMS servers' self-signed certificates rarely name their IP.
        options.ca = pin.pem;
        options.checkServerIdentity = (_host, cert) =>
          cert.fingerprint256 === pin.fingerprint256 ? undefined : new Error(say('ews.pinMismatch', { fingerprint: cert.fingerprint256 }));
      }
      let responded = false;
      const request = (secure ? https : http).request(url, options, (res) => {
        responded = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) request.destroy(new ConnectorError('malformed', say('ews.tooLarge')));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          finish();
          let body: string;
          try {
            body = utf8.decode(Buffer.concat(chunks));
          } catch {
            // A replacement character would slip into a System ID unnoticed: refuse the answer instead.
            return reject(new ConnectorError('malformed', say('ews.notUtf8')));
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headersDistinct, body });
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      });
      const timer = setTimeout(() => request.destroy(new ConnectorError('timeout', say('ews.noAnswerWithin', { seconds: timeoutMs / 1000 }))), timeoutMs);
      const onAbort = () => request.destroy(new ConnectorError('cancelled', say('ews.cancelled')));
      signal?.addEventListener('abort', onAbort, { once: true });
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      function fail(error: unknown) {
        finish();
        const code = (error as NodeJS.ErrnoException).code;
        const stale = request.reusedSocket && !responded && (code === 'ECONNRESET' || code === 'EPIPE');
        reject(stale ? new StaleSocketError('stale keep-alive connection', { cause: error }) : describeNetworkError(error, url));
      }
      request.on('error', fail);
      // A string body goes out in one write with the headers; a Buffer would take a writev.
      request.end(body, 'utf8');
    });
  }
}

class StaleSocketError extends Error {}

export function describeNetworkError(error: unknown, url: URL): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as NodeJS.ErrnoException;
  const where = url.host;
  switch (e.code) {
    case 'ECONNREFUSED':
      return new ConnectorError('unreachable', say('ews.connectionRefused', { host: where }));
    case 'ECONNRESET':
    case 'EPIPE':
      return new ConnectorError('unreachable', say('ews.connectionReset', { host: where }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConnectorError('unreachable', say('ews.hostNotFound', { host: url.hostname }));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ConnectorError('unreachable', say('ews.noRoute', { host: where }));
    case 'ETIMEDOUT':
      return new ConnectorError('timeout', say('ews.connectTimeout', { host: where }));
  }
  if (e.code?.includes('CERT') || e.code?.startsWith('ERR_TLS') || /certificate/i.test(e.message)) {
    return new ConnectorError('certificate', say('ews.certificateUntrusted', { host: where, reason: e.code ?? e.message }));
  }
  if (/socket hang up/i.test(e.message)) return new ConnectorError('unreachable', say('ews.closedWithoutAnswer', { host: where }));
  return new ConnectorError('unreachable', say('ews.couldNotReach', { target: `${where}: ${e.message}` }));
}

export interface PeerCertificate extends PinnedCertificate {
  subject: string;
  issuer: string;
  validTo: string;
}

/** Fetches a server's certificate, without trusting it, so a person can check its fingerprint. */
export function probeCertificate(hostPort: string, timeoutMs = 10_000): Promise<PeerCertificate> {
  const url = new URL(`https://${hostPort}`);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: url.hostname, port: Number(url.port || 443), servername: net(url.hostname) ? undefined : url.hostname, rejectUnauthorized: false });
    socket.setTimeout(timeoutMs, () => socket.destroy(new ConnectorError('timeout', say('ews.noTlsAnswer', { hostPort, seconds: timeoutMs / 1000 }))));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.raw) return reject(new ConnectorError('certificate', say('ews.noCertificate', { hostPort })));
      const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
      const name = (n: Record<string, string | string[]> | undefined) => Object.entries(n ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ');
      resolve({ pem, fingerprint256: cert.fingerprint256, subject: name(cert.subject as never), issuer: name(cert.issuer as never), validTo: cert.valid_to });
    });
    socket.once('error', (error) => reject(describeNetworkError(error, url)));
  });
}

const net = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');
