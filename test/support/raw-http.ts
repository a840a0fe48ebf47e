// Requests sent exactly as written (no URL normalization, any header or body), for probing how a
// server refuses what a browser or fetch would never send; and the portal's refusal shape checked.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { PortalError } from '../../shared/portal/errors.js';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /**
   * The server closed the connection while a body over its limit was still being sent. Its answer
   * (a 413) may be lost with the reset: TCP drops unread data on RST, as any real client sees.
   */
  reset?: boolean;
}

/** The largest body a route takes without its own limit (portal/http/limits.ts). */
const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface RawRequest {
  method?: string;
  /** Sent as is: lone "%", dot segments and raw UTF-8 included. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(baseUrl: string, { method = 'GET', path, headers = {}, body }: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const size = body === undefined ? 0 : Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    let answered = false;
    // A connection of its own (agent: false): Node's global agent keeps sockets alive, and one the
    // server closed after refusing an earlier probe would fail this one with ECONNRESET on write.
    const request = http.request({ host: url.hostname, port: url.port, method, path, headers, insecureHTTPParser: false, agent: false }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      const closed = error.code === 'ECONNRESET' || error.code === 'EPIPE';
      if (closed && !answered && size > DEFAULT_BODY_LIMIT) resolve({ status: 0, headers: {}, text: '', reset: true });
      else if (!answered) reject(error);
    });
    request.end(body);
  });
}

/**
 * A request that announces a body of `declaredBytes` (Content-Length) and sends only its first KiB,
 * then waits for the answer: a server that refuses the size from the header answers before the
 * body arrives, so no connection reset can take its answer away (as it can when the whole body is
 * being written: TCP drops unread data on RST).
 */
export function announcedBody(baseUrl: string, { path, headers = {}, declaredBytes }: { path: string; headers?: Record<string, string>; declaredBytes: number }): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, method: 'POST', path, headers: { ...headers, 'content-length': String(declaredBytes) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        request.destroy();
      });
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    request.write(Buffer.alloc(1024, 0x20));
  });
}

/** Bytes written straight to the socket (not valid HTTP, or headers too large for Node's client): the raw answer. */
export function rawSocket(baseUrl: string, bytes: string): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(error)));
  });
}

/** Largest refusal body the portal should ever send for a probe (a message and a few issues). */
export const REFUSAL_MAX_BYTES = 4096;

/**
 * A refusal in the documented body `{ error: { code, message, issues? } }` only, under a few KB,
 * with nothing echoed long or invisible; returns the error.
 */
export function assertRefusalShape(answer: { status: number; text: string }, context = ''): PortalError['error'] {
  assert.ok(answer.status >= 400 && answer.status < 500, `${context}: a 4xx, not ${answer.status}: ${answer.text.slice(0, 300)}`);
  assert.ok(Buffer.byteLength(answer.text) < REFUSAL_MAX_BYTES, `${context}: refusal body of ${Buffer.byteLength(answer.text)} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    assert.fail(`${context}: the refusal is not JSON: ${answer.text.slice(0, 300)}`);
  }
  const parsed = PortalError.safeParse(json);
  assert.ok(parsed.success, `${context}: not the documented error body: ${answer.text.slice(0, 300)}`);
  const { error } = parsed.data;
  assert.ok(error.message.length > 10, `${context}: the message says what is wrong: ${error.message}`);
  // Nothing the caller sent comes back long or with control characters (a terminal escape, CR LF).
  for (const text of [error.message, ...(error.issues ?? []).flatMap((i) => [i.path, i.message])]) {
    assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u, `${context}: control or invisible characters echoed: ${JSON.stringify(text.slice(0, 120))}`);
    assert.doesNotMatch(text, /(.)\1{150}/su, `${context}: a long run echoed back: ${text.slice(0, 120)}...`);
  }
  return error;
}
