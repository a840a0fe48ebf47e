// What the portal grants, carried by both a Registration code and a signed token, and the rules
// for when it may be applied. Air-gapped sites often have wrong clocks: a day of skew either way is
// tolerated, and a clock that runs behind a time this app has already seen is named as the problem.
import type { BitReader, BitWriter } from './bits.js';
import { codeFailure, CodeInputError, type CodeFailure, type CodeResult } from './failure.js';

export const GRANT_KINDS = ['register', 'associate'] as const;
export type GrantKind = (typeof GRANT_KINDS)[number];
/** Kind values on the wire: 0 is never issued; 3..15 are room for kinds to come. */
const KIND_VALUES: Record<GrantKind, number> = { register: 1, associate: 2 };

export interface Grant {
  kind: GrantKind;
  /** The UTC day the portal issued it, counted from CODE_EPOCH (see dayNumber). */
  issueDay: number;
  /** How many days after the issue day it may still be applied. */
  validityDays: number;
  /** The portal's registration serial: only grows. */
  serial: number;
  /** Which portal key made it, so keys can rotate. */
  keyId: number;
}

/** Bits of each field after the format's 4-bit version, in this order. */
export const GRANT_BITS = { kind: 4, issueDay: 16, validityDays: 10, serial: 32, keyId: 4 } as const;
const VERSION_BITS = 4;

export const CODE_EPOCH = Date.UTC(2024, 0, 1);
export const DAY_MS = 86_400_000;
export const CLOCK_SKEW_MS = DAY_MS;

export const dayNumber = (date: Date) => Math.floor((date.getTime() - CODE_EPOCH) / DAY_MS);
export const dayStart = (day: number) => new Date(CODE_EPOCH + day * DAY_MS);

export function writeGrant(writer: BitWriter, version: number, grant: Grant): void {
  for (const field of ['issueDay', 'validityDays', 'serial', 'keyId'] as const) {
    const value = grant[field];
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** GRANT_BITS[field]) throw new CodeInputError(`${field} must be a whole number from 0 to ${2 ** GRANT_BITS[field] - 1}, not ${value}.`);
  }
  if (!Object.hasOwn(KIND_VALUES, grant.kind)) throw new CodeInputError(`Unknown grant kind ${String(grant.kind)}.`);
  writer.uint(version, VERSION_BITS).uint(KIND_VALUES[grant.kind], GRANT_BITS.kind).uint(grant.issueDay, GRANT_BITS.issueDay);
  writer.uint(grant.validityDays, GRANT_BITS.validityDays).uint(grant.serial, GRANT_BITS.serial).uint(grant.keyId, GRANT_BITS.keyId);
}

/** Reads the version and grant fields; refuses a version or kind from a newer portal. */
export function readGrant(reader: BitReader, version: number, label: string): CodeResult<Grant> {
  const found = reader.uint(VERSION_BITS);
  if (found !== version) return codeFailure('unsupported_version', `This ${label} has format version ${found}; this version of BMS Companion reads version ${version}. Check the code, or update BMS Companion.`);
  const kindValue = reader.uint(GRANT_BITS.kind);
  const kind = GRANT_KINDS.find((k) => KIND_VALUES[k] === kindValue);
  if (!kind) return codeFailure('unsupported_version', `This ${label} asks for something this version of BMS Companion does not know (kind ${kindValue}). Check the code, or update BMS Companion.`);
  const issueDay = reader.uint(GRANT_BITS.issueDay);
  const validityDays = reader.uint(GRANT_BITS.validityDays);
  const serial = reader.uint(GRANT_BITS.serial);
  const keyId = reader.uint(GRANT_BITS.keyId);
  return { ok: true, value: { kind, issueDay, validityDays, serial, keyId } };
}

/** From the start of the issue day to the end of the last valid day (exclusive), before skew. */
export function validityWindow(grant: Grant): { from: Date; until: Date } {
  return { from: dayStart(grant.issueDay), until: dayStart(grant.issueDay + grant.validityDays + 1) };
}

const day = (date: Date) => date.toISOString().slice(0, 10);
const minute = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The clock rules, applied after the code has proved authentic. */
export function checkTime(grant: Grant, now: Date, highWaterMark: Date | null): { ok: false; failure: CodeFailure } | null {
  if (highWaterMark && now.getTime() < highWaterMark.getTime() - CLOCK_SKEW_MS) {
    return codeFailure('clock_went_backwards', `This computer's clock says ${minute(now)}, but BMS Companion has already seen ${minute(highWaterMark)}: the clock went backwards. Set the right date and time, then enter the code again.`);
  }
  const { from, until } = validityWindow(grant);
  if (now.getTime() < from.getTime() - CLOCK_SKEW_MS) {
    return codeFailure('not_yet_valid', `This code was issued on ${day(from)}, but this computer's date is ${day(now)}. Set the right date, then enter the code again.`);
  }
  if (now.getTime() >= until.getTime() + CLOCK_SKEW_MS) {
    return codeFailure('expired', `This code could be used until ${day(new Date(until.getTime() - 1))}; this computer's date is ${day(now)}. If the date is right, ask the portal for a new code for this request.`);
  }
  return null;
}
