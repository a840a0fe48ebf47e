// Sentences the portal's API sends (its refusals, its answers, the shared schemas' field messages)
// are English from shared/messages. localize() finds the sentence's key and parameters and says it
// in the active language, as the companion's renderer does (renderer/src/i18n/said.ts); a
// parameter that is itself a catalogued sentence is translated too. Anything else stays as sent.
import { recognise } from '../../../../shared/messages/recognise.js';
import { tAny } from './index.js';

const MAX_DEPTH = 3;

export function localize(text: string, depth = 0): string {
  const found = depth < MAX_DEPTH ? recognise(text) : null;
  if (!found) return text;
  const params = Object.fromEntries(Object.entries(found.params).map(([name, value]) => [name, typeof value === 'string' ? localize(value, depth + 1) : value]));
  return tAny(`said.${found.key}`, { ...params, defaultValue: text });
}
