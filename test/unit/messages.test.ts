// The message catalog (shared/messages): say() fills a template, recognise() finds it again from
// the English alone, whatever the parameters hold, and the renderer says it in French and German.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MESSAGES, recognise, say } from '../../shared/messages/index.js';
import { placeholdersOf } from '../../shared/messages/template.js';
import { i18n } from '../../renderer/src/i18n/index.js';
import { localize } from '../../renderer/src/i18n/said.js';

const entries = Object.entries(MESSAGES.en as Record<string, Record<string, string>>).flatMap(([area, messages]) => Object.entries(messages).map(([name, template]) => ({ key: `${area}.${name}`, template })));

// Parameter values chosen to trip a pattern: brackets, colons, full stops, another sentence's words.
const tricky = (name: string, i: number) => `ES-${i} (10.0.0.${i}): ${name}. Read the site again`;

describe('message catalog', () => {
  test('has messages, none only placeholders, no two alike', () => {
    assert.ok(entries.length > 0);
    assert.deepEqual(entries.filter((e) => !e.template.replace(/\{\{\s*\w+\s*\}\}/g, '').trim()).map((e) => e.key), []);
    const seen = new Map<string, string>();
    const twins = entries.flatMap((e) => (seen.has(e.template) ? [`${seen.get(e.template)} = ${e.key}`] : (seen.set(e.template, e.key), [])));
    assert.deepEqual(twins, []);
  });

  test('every sentence is recognised again as its own key with its own parameters', () => {
    const wrong = entries.flatMap(({ key, template }) => {
      const plural = /_(one|other)$/.exec(key);
      const base = plural ? key.slice(0, -plural[0].length) : key;
      const params: Record<string, string | number> = Object.fromEntries(placeholdersOf(template).map((name, i) => [name, name === 'count' ? 7 : tricky(name, i)]));
      if (plural) params.count = plural[1] === 'one' ? 1 : 7;
      const text = (say as (key: string, params: object) => string)(base, params);
      const found = recognise(text);
      return found?.key === base && JSON.stringify(found.params, Object.keys(params).sort()) === JSON.stringify(params, Object.keys(params).sort()) ? [] : [`${key}: ${JSON.stringify(text)} read as ${JSON.stringify(found)}`];
    });
    assert.deepEqual(wrong, []);
  });

  test('say() picks the plural form and refuses a missing parameter', () => {
    assert.equal(say('common.notInLastRead', { address: 'es1:443' }), 'No server at es1:443 in the last read of the site. Read the site again.');
    assert.throws(() => say('common.notInLastRead', {} as never), /address missing/);
  });

  test('a sentence nobody catalogued is not recognised', () => {
    assert.equal(recognise('Something nobody said.'), null);
  });

  test('localize() says a catalogued sentence in the chosen language, and leaves others as they are', async () => {
    const text = say('common.notInLastRead', { address: 'es1:443' });
    try {
      await i18n.changeLanguage('fr');
      assert.equal(localize(text), 'Aucun serveur à l’adresse es1:443 dans la dernière lecture du site. Relisez le site.');
      await i18n.changeLanguage('de');
      assert.match(localize(text), /^Kein Server unter es1:443/);
      assert.equal(localize('Not from the catalog.'), 'Not from the catalog.');
    } finally {
      await i18n.changeLanguage('en');
    }
    assert.equal(localize(text), text);
  });
});
