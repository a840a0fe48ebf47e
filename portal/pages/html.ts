// The portal's few HTML pages (the links in its mail land here): server-rendered, no scripts, no
// external assets, every value escaped, and a Content-Security-Policy that allows only the one
// inline style block below (by its hash) and forms posted back to the portal itself.
import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input{font:inherit;width:100%;padding:.4rem;box-sizing:border-box}
button{font:inherit;margin-top:1rem;padding:.5rem 1.2rem}.note{color:#555}.error{border-left:4px solid #b3261e;padding-left:.8rem}.done{border-left:4px solid #1e7b34;padding-left:.8rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.2rem 1rem}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}`;

const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${crypto.createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML, in an element or an attribute value. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A fragment made by `html`: already escaped, inserted as it is. */
export class Html {
  constructor(readonly text: string) {}
}

/** A template tag that escapes every value unless it is Html (a fragment made by this tag). */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | null | undefined)[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const part = value instanceof Html ? value.text : Array.isArray(value) ? value.map((v) => v.text).join('') : value === null || value === undefined ? '' : escapeHtml(String(value));
    out += part + strings[i + 1]!;
  });
  return new Html(out);
}

/** Sends a whole page with the headers every page has. */
export function sendPage(reply: FastifyReply, status: number, title: string, body: Html) {
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    // The token is in the page's address: no other site may see it.
    .header('referrer-policy', 'no-referrer')
    .send(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${title} · BMS Registration Portal</title><style>${new Html(STYLE)}</style></head>
<body><main><h1>${title}</h1>
${body}
</main></body></html>`.text);
}
