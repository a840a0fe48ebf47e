// The way back from an English sentence to its key and parameters, so a screen can show a message
// made elsewhere (main, the portal, a schema; stored in a database, or made by an older version)
// in the person's language. Each template becomes an anchored pattern; the most specific one that
// matches wins, and a sentence no template matches stays as it is.
import { MESSAGES } from './catalog.js';
import { placeholdersOf, type Value } from './template.js';

export interface Recognised {
  /** The key as say() takes it: a plural's base, without _one/_other. */
  key: string;
  params: Record<string, Value>;
}

interface Pattern {
  key: string;
  regex: RegExp;
  names: string[];
  /** Characters that are not placeholders: the more, the more specific. */
  literal: number;
  /** For a plural's one-form that does not say the count. */
  impliedCount?: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(key: string, template: string): Pattern {
  const names = placeholdersOf(template);
  const parts = template.split(/\{\{\s*[A-Za-z_]\w*\s*\}\}/);
  // A count is digits (with the grouping a locale may add); anything else is any text, as short as
  // lets the rest match.
  const source = parts.map(escape).reduce((acc, part, i) => acc + (i === 0 ? '' : names[i - 1] === 'count' ? '(\\d[\\d,. ]*)' : '([\\s\\S]+?)') + part, '');
  const plural = /_(one|other)$/.exec(key);
  const base = plural ? key.slice(0, -plural[0].length) : key;
  return { key: base, regex: new RegExp(`^${source}$`), names, literal: parts.join('').length, ...(plural?.[1] === 'one' && !names.includes('count') ? { impliedCount: 1 } : {}) };
}

let patterns: Pattern[] | null = null;
function all(): Pattern[] {
  patterns ??= Object.entries(MESSAGES.en as Record<string, Record<string, string>>)
    .flatMap(([area, entries]) => Object.entries(entries).map(([name, template]) => compile(`${area}.${name}`, template)))
    .sort((a, b) => b.literal - a.literal);
  return patterns;
}

export function recognise(text: string): Recognised | null {
  for (const pattern of all()) {
    const match = pattern.regex.exec(text);
    if (!match) continue;
    const params: Record<string, Value> = {};
    pattern.names.forEach((name, i) => {
      const value = match[i + 1]!;
      params[name] = name === 'count' ? Number(value.replace(/[,. ]/g, '')) : value;
    });
    if (pattern.impliedCount !== undefined) params.count = pattern.impliedCount;
    return { key: pattern.key, params };
  }
  return null;
}
