// The mail a test portal sent, read as a person would: parsed (mailparser), its link taken, the
// page it opens fetched, and that page's form posted (htmlparser2 reads the form). Mail comes from
// the real SMTP server on loopback (smtp.ts), or from a portal's outbox folder (.eml files: a
// portal without SMTP). Without a folder named, every test portal's outbox is searched (the
// temporary folders of processes.ts, bms-*/outbox): recipients are unique per test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { ReceivedMail } from './smtp.js';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  replyTo: string | null;
  raw: string;
}

/** Waits for the first mail to `to` that `match` accepts. */
export type Mailbox = (to: string, match?: (mail: Mail) => boolean, timeoutMs?: number) => Promise<Mail>;

async function parse(raw: string): Promise<Mail> {
  const parsed: ParsedMail = await simpleParser(raw);
  const addresses = (field: ParsedMail['to']) => (field ? (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')) : []);
  return { to: addresses(parsed.to), subject: parsed.subject ?? '', text: parsed.text ?? '', replyTo: addresses(parsed.replyTo)[0] ?? null, raw };
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function poll(find: () => Promise<Mail | undefined>, what: string, timeoutMs: number): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail ${what} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Mail received by a loopback SMTP server (startSmtp().received). */
export function smtpMailbox(received: ReceivedMail[]): Mailbox {
  const parsed = new Map<ReceivedMail, Mail>();
  return (to, match = () => true, timeoutMs = 10_000) =>
    poll(
      async () => {
        for (const mail of received) {
          if (!mail.to.some((t) => sameAddress(t, to))) continue;
          if (!parsed.has(mail)) parsed.set(mail, await parse(mail.raw));
          if (match(parsed.get(mail)!)) return parsed.get(mail);
        }
        return undefined;
      },
      `to ${to}`,
      timeoutMs,
    );
}

/** Every outbox folder of a test portal under the OS temp folder. */
const testOutboxes = () =>
  fs
    .readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('bms-'))
    .map((name) => path.join(os.tmpdir(), name, 'outbox'))
    .filter((dir) => fs.existsSync(dir));

// Files read once: an outbox can hold thousands (the benchmark's).
const readFiles = new Map<string, Promise<Mail>>();

/** Mail a portal wrote to its outbox (no SMTP set); `dir` is its outboxDir, or every test portal's. */
export function outboxMailbox(dir?: string): Mailbox {
  return (to, match = () => true, timeoutMs = 10_000) =>
    poll(
      async () => {
        for (const outbox of dir ? [dir] : testOutboxes()) {
          const names = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((n) => n.endsWith('.eml')) : [];
          for (const name of names) {
            const file = path.join(outbox, name);
            if (!readFiles.has(file)) readFiles.set(file, fs.promises.readFile(file, 'utf8').then(parse));
            const mail = await readFiles.get(file)!;
            if (mail.to.some((t) => sameAddress(t, to)) && match(mail)) return mail;
          }
        }
        return undefined;
      },
      `to ${to} in ${dir ?? 'any test portal outbox'}`,
      timeoutMs,
    );
}

/** The one link in a mail's text that starts with the portal's page path, e.g. /verify-email. */
export function linkIn(mail: Mail, pagePath: string): string {
  const links = [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).filter((l) => new URL(l).pathname.endsWith(pagePath));
  if (links.length !== 1) throw new Error(`Expected one ${pagePath} link in the mail "${mail.subject}", found ${links.length}:\n${mail.text}`);
  return links[0]!;
}

export interface Page {
  status: number;
  headers: Headers;
  html: string;
}

export interface PageForm {
  /** Where the form posts, resolved against the page's address. */
  action: string;
  method: string;
  /** Every input with its value as the page gives it (hidden ones included). */
  fields: Record<string, string>;
}

export async function getPage(url: string): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The page's forms, read with an HTML parser. */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  let current: PageForm | null = null;
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name === 'form') current = { action: new URL(attributes.action ?? '', pageUrl).toString(), method: (attributes.method ?? 'get').toUpperCase(), fields: {} };
      else if (name === 'input' && current && attributes.name) current.fields[attributes.name] = attributes.value ?? '';
    },
    onclosetag(name) {
      if (name === 'form' && current) {
        forms.push(current);
        current = null;
      }
    },
  });
  parser.write(html);
  parser.end();
  return forms;
}

/** Posts the page's one form as a browser would (url-encoded), with `fill` over its fields. */
export async function submitForm(page: Page, pageUrl: string, fill: Record<string, string> = {}): Promise<Page> {
  const forms = formsOf(page.html, pageUrl);
  if (forms.length !== 1) throw new Error(`Expected one form on ${pageUrl}, found ${forms.length}:\n${page.html}`);
  const form = forms[0]!;
  const response = await fetch(form.action, {
    method: form.method,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.fields, ...fill }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

/** The text a person reads on a page: tags out, entities decoded (by the parser), white space collapsed. */
export function pageText(html: string): string {
  let text = '';
  let skip = 0;
  const parser = new Parser(
    {
      onopentag: (name) => void ((name === 'style' || name === 'title') && skip++),
      onclosetag: (name) => void ((name === 'style' || name === 'title') && skip--),
      ontext: (t) => void (skip === 0 && (text += ` ${t}`)),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return text.replace(/\s+/g, ' ').trim();
}

/** Verifies `email` by a link from its verification mails (the first `mails` of them; only the newest works): GET the page, POST its form.*/
export async function verifyAddress(mailbox: Mailbox, email: string, mails = 1): Promise<Page> {
  // With the link sent again, only the newest works: every one of the `mails` links is tried until one verifies.
  const found: Mail[] = [];
  await mailbox(email, (m) => {
    if (m.subject === 'Verify your e-mail address' && !found.includes(m)) found.push(m);
    return found.length >= mails;
  });
  let last: Page | null = null;
  for (const mail of found) {
    const link = linkIn(mail, '/verify-email');
    const page = await getPage(link);
    if (page.status !== 200) throw new Error(`The verification page answered ${page.status}: ${pageText(page.html)}`);
    last = await submitForm(page, link);
    if (last.status !== 410 || !/A newer link was sent/.test(pageText(last.html))) return last;
  }
  return last!;
}
