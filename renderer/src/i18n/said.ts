// Messages made outside the renderer (main's refusals and notes, the portal's answers, the shared
// schemas' field messages) arrive as English sentences from shared/messages. localize() finds the
// sentence's key and parameters and says it in the active language; a parameter that is itself a
// catalogued sentence (a reason inside a note) is translated too. Anything else is shown as sent.
import { recognise } from '../../../shared/messages/recognise.js';
import { t } from './index.js';

const MAX_DEPTH = 3;

export function localize(text: string, depth = 0): string {
  const found = depth < MAX_DEPTH ? recognise(text) : null;
  if (!found) return text;
  const params = Object.fromEntries(Object.entries(found.params).map(([name, value]) => [name, typeof value === 'string' ? localize(value, depth + 1) : value]));
  // The key is only known at run time; i18next still checks it exists, and falls back to English.
  return (t as unknown as (key: string, options: object) => string)(`said.${found.key}`, { ...params, defaultValue: text });
}

/** localize() for a value that may be missing. */
export const localizeMaybe = (text: string | null | undefined): string | null => (text == null ? null : localize(text));
