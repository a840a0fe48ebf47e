// The request as a file, for a USB stick: a header line naming the format, the code, and the fields
// a person reads. The portal takes the System ID from the file (no typing), and refuses a file whose
// System ID, server count, kind or replaced System ID disagrees with its code. A version 2 file
// may carry the site's inventory, under a MAC the portal checks (inventory-mac.ts).
import { codeFailure, CodeInputError, type CodeResult } from '../../codes/failure.js';
import { readFileLines, REQUEST_FILE_HEADER, REQUEST_FILE_MAX_BYTES } from '../../codes/files.js';
import type { RequestVersion } from '../../codes/request-layout.js';
import { normalizeSystemId, replacedIdMatches, systemIdMatches } from './digests.js';
import { formatInventoryMac, parseInventoryMac, type InventoryMac } from './inventory-mac.js';
import { decodeRequestCode, type RequestCode } from './request-code.js';

export { REQUEST_FILE_HEADER, REQUEST_FILE_MAX_BYTES };
/** The file's header follows its code's version, so a portal that reads only version 1 says so by name. */
export const requestFileHeader = (version: RequestVersion) => `BMS-REQUEST-${version}`;

export interface RequestFileInventory {
  /** The canonical JSON of `{ servers }` (inventoryBytes). */
  bytes: Uint8Array;
  /** Null when the site held no portal key to make it with: the portal then keeps no inventory. */
  mac: InventoryMac | null;
}

export interface RequestFile {
  request: RequestCode;
  systemId: string;
  createdAt: Date;
  /** An association names the registered System ID it replaces (a version 2 code carries its digest). */
  replaces?: string | null;
  inventory?: RequestFileInventory | null;
}

const kindOf = ({ request, replaces }: Pick<RequestFile, 'request' | 'replaces'>) => request.kind ?? (replaces ? 'associate' : 'register');

export function formatRequestFile({ request, systemId, createdAt, replaces, inventory }: RequestFile): string {
  const id = normalizeSystemId(systemId);
  const old = replaces ? normalizeSystemId(replaces) : null;
  if (/[\r\n]/.test(id) || (old && /[\r\n]/.test(old))) throw new CodeInputError('A System ID with a line break cannot go in a request file.');
  if (!systemIdMatches(id, request)) throw new CodeInputError('The System ID is not the one the request code was made for.');
  const kind = kindOf({ request, replaces: old });
  if (request.version === 2 && (kind === 'associate' ? !old || !replacedIdMatches(old, request) : old)) {
    throw new CodeInputError('The replaced System ID is not the one the request code was made for.');
  }
  const lines = [requestFileHeader(request.version), `Code: ${request.code}`, `System ID: ${id}`, `Kind: ${kind}`, ...(kind === 'associate' ? [`Replaces System ID: ${old}`] : [])];
  lines.push(`Servers: ${request.serverCount}`, `Created: ${createdAt.toISOString()}`);
  if (inventory) {
    lines.push(`Inventory: ${Buffer.from(inventory.bytes).toString('base64url')}`);
    if (inventory.mac) lines.push(`Inventory MAC: ${formatInventoryMac(inventory.mac)}`);
  }
  const text = [...lines, ''].join('\n');
  if (Buffer.byteLength(text) > REQUEST_FILE_MAX_BYTES) throw new CodeInputError(`The request file would be over ${REQUEST_FILE_MAX_BYTES / 1024} KB: leave the inventory out.`);
  return text;
}

const notAFile = (why: string) => codeFailure('bad_file', `This is not a BMS Companion request file: ${why} Save the request file again on the site computer.`);
const edited = (what: string) => notAFile(`its ${what} does not match its code; it has been edited.`);

function readInventoryLines(fields: Map<string, string>): CodeResult<RequestFileInventory | null> {
  const encoded = fields.get('inventory');
  const macLine = fields.get('inventory mac');
  if (encoded === undefined) return macLine === undefined ? { ok: true, value: null } : notAFile('it has an Inventory MAC line but no Inventory.');
  const bytes = Buffer.from(encoded, 'base64url');
  // Strict base64url: what decodes must encode back to the same text, so no character is skipped unseen.
  if (!encoded || bytes.toString('base64url') !== encoded) return notAFile('its Inventory line is not base64url text.');
  if (macLine === undefined) return { ok: true, value: { bytes: Uint8Array.from(bytes), mac: null } };
  const mac = parseInventoryMac(macLine);
  if (!mac) return notAFile('its Inventory MAC line is not "<key number>:<tag>"; it has been edited.');
  return { ok: true, value: { bytes: Uint8Array.from(bytes), mac } };
}

export function parseRequestFile(content: string | Uint8Array): CodeResult<RequestFile> {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (size > REQUEST_FILE_MAX_BYTES) return notAFile(`it is ${Math.round(size / 1024)} KB, and a request file is at most ${REQUEST_FILE_MAX_BYTES / 1024} KB.`);
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return notAFile('it is not a text file.');
  }
  const { header, fields, bad } = readFileLines(text);
  const version = /^BMS-REQUEST-(\d+)$/.exec(header);
  if (version && version[1] !== '1' && version[1] !== '2') return codeFailure('unsupported_version', `This request file has format version ${version[1]}; this portal reads versions 1 and 2.`);
  if (!version) return notAFile(`its first line should be ${requestFileHeader(2)} (or ${REQUEST_FILE_HEADER} from an older BMS Companion).`);
  if (bad !== null) return notAFile(`the line "${bad.slice(0, 40)}" is not "Name: value".`);
  const code = fields.get('code');
  const systemId = fields.get('system id');
  const created = new Date(fields.get('created') ?? '');
  if (!code || !systemId) return notAFile('it has no Code or no System ID line.');
  if (Number.isNaN(created.getTime())) return notAFile('its Created line is not a date.');
  const decoded = decodeRequestCode(code);
  if (!decoded.ok) return codeFailure(decoded.failure.reason, `The code in this request file is damaged. ${decoded.failure.message}`, decoded.failure.groups);
  const request = decoded.value;
  if (String(request.version) !== version[1]) return edited('format version (first line)');
  if (!systemIdMatches(systemId, request) || fields.get('servers') !== String(request.serverCount)) return edited('System ID or server count');
  // A file without a Kind line (written before it existed) is a registration; a version 2 file always has one.
  if (request.version === 2 && !fields.has('kind')) return edited('Kind line (missing)');
  const kind = fields.get('kind') ?? 'register';
  if (kind !== 'register' && kind !== 'associate') return notAFile(`its Kind line says "${kind.slice(0, 20)}"; it is register or associate.`);
  const replaces = kind === 'associate' ? (fields.get('replaces system id') ?? null) : null;
  // Version 2 carries both in the code: the lines a person reads must say the same.
  if (request.version === 2) {
    if (kind !== request.kind) return edited('Kind line');
    if (kind === 'associate' ? !replaces || !replacedIdMatches(replaces, request) : fields.has('replaces system id')) return edited('Replaces System ID line');
  }
  const inventory = readInventoryLines(fields);
  if (!inventory.ok) return inventory;
  return { ok: true, value: { request, systemId, createdAt: created, replaces, inventory: inventory.value } };
}
