// A plain WebSocket client for the browser-mode host, to test the transport without a page.
import WebSocket from 'ws';
import type { Result } from '../../shared/contract/result.js';

export function openSocket(url: string, origin: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function callOver(ws: WebSocket, call: unknown, input: unknown): Promise<Result<unknown>> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = parsed(data) as { id?: unknown; result: Result<unknown> } | null;
      if (message?.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call, input }));
  });
}

const parsed = (data: WebSocket.RawData): unknown => {
  try {
    return JSON.parse(data.toString());
  } catch {
    return null;
  }
};

/** The next message on a socket, parsed; rejects if the socket closes first. */
export function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onClose = (code: number) => reject(new Error(`closed with ${code} before an answer`));
    ws.once('message', (data) => {
      ws.off('close', onClose);
      resolve(parsed(data));
    });
    ws.once('close', onClose);
  });
}

/** How the other side closed a socket: its code and reason. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}
