// say(): a sentence from the catalog, in English, with its parameters filled in. Main, the portal
// and the shared schemas build every message a person reads this way, so each one has a key and a
// French and German version the renderer can show instead (renderer/src/i18n/said.ts).
import { MESSAGES } from './catalog.js';
import { fill, type Params, type Value } from './template.js';

type En = typeof MESSAGES.en;
type Area = keyof En & string;
/** A plural's forms are two keys, i18next's way: `x_one` and `x_other`; say() takes the base `x` and a count. */
type Base<K extends string> = K extends `${infer B}_one` ? B : K extends `${infer B}_other` ? B : K;

export type MessageKey = { [A in Area]: `${A}.${Base<keyof En[A] & string>}` }[Area];

type Forms<A extends Area, B extends string> = B extends keyof En[A] ? En[A][B] : (En[A] & Record<`${B}_one` | `${B}_other`, string>)[`${B}_one` | `${B}_other`];
type IsPlural<A extends Area, B extends string> = B extends keyof En[A] ? false : true;

export type MessageParams<K extends MessageKey> = K extends `${infer A extends Area}.${infer B}`
  ? Forms<A, B> extends infer T extends string
    ? IsPlural<A, B> extends true
      ? Params<T> & { count: number }
      : Params<T>
    : never
  : never;

type Args<K extends MessageKey> = [MessageParams<K>] extends [Record<string, never>] ? [] : [params: MessageParams<K>];

const english = new Intl.PluralRules('en');

/** The English template a key stands for, the plural form chosen by `count`. */
export function templateOf(key: string, count?: number): string | undefined {
  const dot = key.indexOf('.');
  const area = (MESSAGES.en as Record<string, Record<string, string>>)[key.slice(0, dot)];
  const name = key.slice(dot + 1);
  if (!area) return undefined;
  if (name in area) return area[name];
  if (count === undefined) return undefined;
  return area[`${name}_${english.select(count)}`] ?? area[`${name}_other`];
}

export function say<K extends MessageKey>(key: K, ...args: Args<K>): string {
  const params = (args[0] ?? {}) as Record<string, Value>;
  const template = templateOf(key, typeof params.count === 'number' ? params.count : undefined);
  if (template === undefined) throw new Error(`No message ${key}`);
  return fill(template, params);
}
