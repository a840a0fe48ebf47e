import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_MAX } from '../../stores/systems.js';

/** Time after the last key before the portal is asked: one search per pause, not one per letter. */
const DEBOUNCE_MS = 300;

/** The search box: searches as you type (System ID, site name, city, country), after a short pause. */
export function SystemsSearch({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const latest = useRef(onSearch);
  latest.current = onSearch;
  // The store's search changed elsewhere (cleared): show it.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => latest.current(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="field sys-search">
      <label htmlFor="systems-search">{t('systems.search.label')}</label>
      <input
        id="systems-search"
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        placeholder={t('systems.search.placeholder')}
        aria-describedby="systems-search-hint"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') latest.current(text);
        }}
      />
      <span id="systems-search-hint" className="muted small">
        {t('systems.search.hint')}
      </span>
    </div>
  );
}
