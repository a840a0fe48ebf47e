// Self-signed certificates from the openssl command, and a real TLS listener in front of a plain
// HTTP service (the simulator, the portal), for the fingerprint-trust tests.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface Identity {
  key: string;
  cert: string;
  fingerprint256: string;
}

export function makeCertificate(dir: string, name: string): Identity {
  const keyFile = path.join(dir, `${name}.key`);
  const certFile = path.join(dir, `${name}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', `/CN=${name}`], { stdio: 'ignore' });
  const cert = fs.readFileSync(certFile, 'utf8');
  return { key: fs.readFileSync(keyFile, 'utf8'), cert, fingerprint256: new crypto.X509Certificate(cert).fingerprint256 };
}

export interface TlsFront {
  hostPort: string;
  close(): Promise<void>;
}

/** A TLS front on 127.0.0.1 (`port` 0: any) passing every request on to `upstream`. */
export async function tlsFront(upstream: string, identity: { key: string; cert: string }, port = 0): Promise<TlsFront> {
  const server = https.createServer(identity, (req, res) => {
    const forward = http.request(`${upstream}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    hostPort: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
