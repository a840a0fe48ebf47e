// Every language has exactly English's keys, none empty, with the same placeholders and elements:
// the typecheck catches a missing key in fr.ts or de.ts, this catches the rest (and a resource
// typed loosely). The code-check messages are worded in every language from the refusals
// shared/codes really makes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCode, readCodeIn, REGISTRATION_FORMAT, REQUEST_FORMATS, TOKEN_FORMAT } from '../../shared/codes/index.js';
import { formatCode } from '../../shared/codes/typed.js';
import { codeMessage } from '../../renderer/src/i18n/codes.js';
import { de } from '../../renderer/src/i18n/de.js';
import { en } from '../../renderer/src/i18n/en.js';
import { fr } from '../../renderer/src/i18n/fr.js';
import { i18n, LANGUAGES, systemLanguage } from '../../renderer/src/i18n/index.js';

const RESOURCES = { en, fr, de } as Record<string, unknown>;

/** Every leaf as [dotted key, value]; a value that is not a string or an object is reported as itself. */
function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node !== 'object' || node === null) return [[prefix, node]];
  return Object.entries(node).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
}

/** {{name}} placeholders and <tag> elements, sorted: what a translation must keep. */
const markers = (text: string) => [...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}|<\/?([a-z]+)\s*\/?>/g)].map((m) => (m[1] ? `{{${m[1]}}}` : `<${m[2]}>`)).sort();

const english = new Map(leaves(en));

for (const language of LANGUAGES) {
  describe(`${language} resources`, () => {
    const own = new Map(leaves(RESOURCES[language]));

    test('has every English key and no other', () => {
      assert.deepEqual([...english.keys()].filter((k) => !own.has(k)), [], 'missing');
      assert.deepEqual([...own.keys()].filter((k) => !english.has(k)), [], 'extra');
    });

    test('every message is a non-empty string', () => {
      const bad = [...own].filter(([, value]) => typeof value !== 'string' || !value.trim()).map(([key]) => key);
      assert.deepEqual(bad, []);
    });

    test('every message keeps English placeholders and elements', () => {
      const differ = [...own].flatMap(([key, value]) => {
        const source = english.get(key);
        if (typeof source !== 'string' || typeof value !== 'string') return [];
        // A plural's one-form may say "its shadow" where English says "its 1 shadow": {{count}} is optional there.
        const wanted = markers(source).filter((m) => !(key.endsWith('_one') && m === '{{count}}'));
        const got = markers(value).filter((m) => !(key.endsWith('_one') && m === '{{count}}'));
        return JSON.stringify(wanted) === JSON.stringify(got) ? [] : [`${key}: ${JSON.stringify(wanted)} vs ${JSON.stringify(got)}`];
      });
      assert.deepEqual(differ, []);
    });
  });
}

test('the system language is the first of en/fr/de the system lists, else English', () => {
  assert.equal(systemLanguage(['fr-FR', 'en-US']), 'fr');
  assert.equal(systemLanguage(['es-ES', 'de-AT', 'fr']), 'de');
  assert.equal(systemLanguage(['es', 'ja']), 'en');
  assert.equal(systemLanguage([]), 'en');
});

describe('code-check messages', () => {
  // Real refusals, made by shared/codes from a real code with one mistake each.
  const valid = formatCode(REGISTRATION_FORMAT, Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 32)).split('-');
  const swapped = [valid[0], valid[2], valid[1], ...valid.slice(3)].join('-');
  const cases = [
    { name: 'bad character', text: 'ABCDE#-00000-00000-00000-00000-00000', formats: [REGISTRATION_FORMAT] },
    { name: 'wrong length', text: 'ABCDEF-GHJKMN', formats: [REGISTRATION_FORMAT] },
    { name: 'empty', text: '', formats: [REGISTRATION_FORMAT] },
    { name: 'request too short', text: '0'.repeat(30), formats: [...REQUEST_FORMATS] },
    { name: 'bad groups', text: 'ABCDEF-GHJKMN-PQRSTV-WXYZ01-234567-89ABCD', formats: [REGISTRATION_FORMAT] },
    { name: 'swapped groups', text: swapped, formats: [REGISTRATION_FORMAT] },
    { name: 'not a token', text: '0'.repeat(TOKEN_FORMAT.groups * 6), formats: [TOKEN_FORMAT] },
  ];

  const refusal = (text: string, formats: typeof cases[number]['formats']) => {
    const read = formats.length > 1 ? readCodeIn(text, formats) : readCode(text, formats[0]!);
    assert.equal(read.ok, false, `${text} is refused`);
    return read.ok ? assert.fail() : read.failure;
  };

  test('English keeps the message shared/codes made, word for word', async () => {
    await i18n.changeLanguage('en');
    for (const c of cases) {
      const failure = refusal(c.text, c.formats);
      assert.equal(codeMessage(failure, { text: c.text, formats: c.formats }), failure.message, c.name);
    }
  });

  for (const language of ['fr', 'de'] as const) {
    test(`${language}: every refusal made while typing is worded, with nothing left unfilled`, async () => {
      await i18n.changeLanguage(language);
      try {
        for (const c of cases) {
          const failure = refusal(c.text, c.formats);
          const message = codeMessage(failure, { text: c.text, formats: c.formats });
          assert.notEqual(message, failure.message, `${c.name} (${failure.reason}) is translated`);
          assert.doesNotMatch(message, /\{\{|\}\}|codes\.\w/, `${c.name}: ${message}`);
        }
        const live = codeMessage({ reason: 'typing_mistyped', groups: [2, 3, 5] });
        assert.match(live, language === 'fr' ? /Les groupes 2, 3 et 5 / : /Die Gruppen 2, 3 und 5 /);
      } finally {
        await i18n.changeLanguage('en');
      }
    });
  }

  test('a refusal it has no words for keeps the English message', async () => {
    await i18n.changeLanguage('fr');
    try {
      const failure = { reason: 'expired' as const, message: 'This code could be used until 1 March 2026.' };
      assert.equal(codeMessage(failure, { text: '', formats: [REGISTRATION_FORMAT] }), failure.message);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
