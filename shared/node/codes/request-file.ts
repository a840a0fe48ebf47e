// The request as a file, for a USB stick: a header line naming the format, the code, and the fields
// a person reads. The portal takes the System ID from the file (no typing), and refuses a file whose
// System ID or server count disagrees with its code.
import { codeFailure, CodeInputError, type CodeResult } from '../../codes/failure.js';
import { readFileLines, REQUEST_FILE_HEADER } from '../../codes/files.js';
import { normalizeSystemId, systemIdMatches } from './digests.js';
import { decodeRequestCode, type RequestCode } from './request-code.js';

export { REQUEST_FILE_HEADER };
/** A real file is a few hundred bytes; anything much larger is not one. */
const MAX_FILE_BYTES = 16 * 1024;

export interface RequestFile {
  request: RequestCode;
  systemId: string;
  createdAt: Date;
  /** An association names the registered System ID it replaces (a line a person reads; the code does not carry it). */
  replaces?: string | null;
}

export function formatRequestFile({ request, systemId, createdAt, replaces }: RequestFile): string {
  const id = normalizeSystemId(systemId);
  const old = replaces ? normalizeSystemId(replaces) : null;
  if (/[\r\n]/.test(id) || (old && /[\r\n]/.test(old))) throw new CodeInputError('A System ID with a line break cannot go in a request file.');
  if (!systemIdMatches(id, request)) throw new CodeInputError('The System ID is not the one the request code was made for.');
  const kind = old ? [`Kind: associate`, `Replaces System ID: ${old}`] : [`Kind: register`];
  return [REQUEST_FILE_HEADER, `Code: ${request.code}`, `System ID: ${id}`, ...kind, `Servers: ${request.serverCount}`, `Created: ${createdAt.toISOString()}`, ''].join('\n');
}

const notAFile = (why: string) => codeFailure('bad_file', `This is not a BMS Companion request file: ${why} Save the request file again on the site computer.`);

export function parseRequestFile(content: string | Uint8Array): CodeResult<RequestFile> {
  const size = typeof content === 'string' ? content.length : content.byteLength;
  if (size > MAX_FILE_BYTES) return notAFile(`it is ${Math.round(size / 1024)} KB, and a request file is under 1 KB.`);
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return notAFile('it is not a text file.');
  }
  const { header, fields, bad } = readFileLines(text);
  const version = /^BMS-REQUEST-(\d+)$/.exec(header);
  if (version && version[1] !== '1') return codeFailure('unsupported_version', `This request file has format version ${version[1]}; this portal reads version 1.`);
  if (!version) return notAFile(`its first line should be ${REQUEST_FILE_HEADER}.`);
  if (bad !== null) return notAFile(`the line "${bad.slice(0, 40)}" is not "Name: value".`);
  const code = fields.get('code');
  const systemId = fields.get('system id');
  const created = new Date(fields.get('created') ?? '');
  if (!code || !systemId) return notAFile('it has no Code or no System ID line.');
  if (Number.isNaN(created.getTime())) return notAFile('its Created line is not a date.');
  const request = decodeRequestCode(code);
  if (!request.ok) return codeFailure(request.failure.reason, `The code in this request file is damaged. ${request.failure.message}`, request.failure.groups);
  if (!systemIdMatches(systemId, request.value) || fields.get('servers') !== String(request.value.serverCount)) {
    return notAFile('its System ID or server count does not match its code; it has been edited.');
  }
  const kind = fields.get('kind') ?? 'register';
  if (kind !== 'register' && kind !== 'associate') return notAFile(`its Kind line says "${kind.slice(0, 20)}"; it is register or associate.`);
  const replaces = kind === 'associate' ? (fields.get('replaces system id') ?? null) : null;
  return { ok: true, value: { request: request.value, systemId, createdAt: created, replaces } };
}
