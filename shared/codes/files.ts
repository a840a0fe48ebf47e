// The two small text files people carry on a USB stick, as plain "Name: value" lines under a
// header: the request file (site -> portal) and the answer file the portal screen saves (portal ->
// site). Pure, so the page, the companion's main process and the portal read them the same way;
// checking a request file's code against its System ID is shared/node/codes/request-file.ts.

/** The header of a file whose code is version 1; a version 2 code's file says BMS-REQUEST-2 (docs/codes.md, File). */
export const REQUEST_FILE_HEADER = 'BMS-REQUEST-1';
/** Room for the inventory of 2,000 servers; the portal's request body limit is above it. */
export const REQUEST_FILE_MAX_BYTES = 768 * 1024;
/** Any version of the request file starts with this. */
const REQUEST_FILE_PREFIX = 'BMS-REQUEST-';
export const ANSWER_FILE_HEADER = 'BMS Companion Registration code';

/** Whether what was entered is a request file (of any version), not a typed code. */
export const isRequestFile = (text: string) => text.replace(/^\uFEFF/, '').trimStart().startsWith(REQUEST_FILE_PREFIX);

/** The header and the `Name: value` lines (names lower-cased); `bad` is the first line that is neither. */
export function readFileLines(text: string): { header: string; fields: Map<string, string>; bad: string | null } {
  const [header = '', ...lines] = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const fields = new Map<string, string>();
  let bad: string | null = null;
  for (const line of lines) {
    const match = /^([A-Za-z ]+):\s*(.*)$/.exec(line);
    if (match) fields.set(match[1]!.toLowerCase(), match[2]!);
    else bad ??= line;
  }
  return { header, fields, bad };
}

/** The request code in what was entered: a request file's Code line, or the text itself. */
export function requestCodeOf(text: string): string {
  return (isRequestFile(text) && readFileLines(text).fields.get('code')) || text;
}

/** The System ID a request file names, or null when `text` is not one. */
export function requestFileSystemId(text: string): string | null {
  return isRequestFile(text) ? (readFileLines(text).fields.get('system id') ?? null) : null;
}

/**
 * What a request file asks for: an association names the registered System ID it replaces, so
 * the portal screen can open the Associate path with both IDs filled in. Null when `text` is not
 * a request file; a file without a Kind line (an older one) is a registration.
 */
export function requestFileKind(text: string): { kind: 'register' } | { kind: 'associate'; replaces: string | null } | null {
  if (!isRequestFile(text)) return null;
  const fields = readFileLines(text).fields;
  return fields.get('kind') === 'associate' ? { kind: 'associate', replaces: fields.get('replaces system id') || null } : { kind: 'register' };
}

export interface Answer {
  systemId: string;
  kind: string;
  serial: number;
  validUntil: string;
  registrationCode: string;
  token: string;
}

export function formatAnswerFile(answer: Answer): string {
  return [
    ANSWER_FILE_HEADER,
    `System ID: ${answer.systemId}`,
    `Kind: ${answer.kind}`,
    `Serial: ${answer.serial}`,
    `Valid until: ${answer.validUntil}`,
    `Registration code: ${answer.registrationCode}`,
    `Token: ${answer.token}`,
    '',
  ].join('\n');
}

/** What to check in what was entered: an answer file's token (else its Registration code), or the text itself. */
export function answerCodeOf(text: string): string {
  if (!/^(Token|Registration code):/im.test(text)) return text.trim();
  const { fields } = readFileLines(text);
  return (fields.get('token') || fields.get('registration code') || text).trim();
}
