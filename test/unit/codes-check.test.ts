// The check character's promises, proved: every single substitution, adjacent transposition, jump
// transposition and twin error inside a group is detected, and the error names that group.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ALPHABET } from '../../shared/codes/alphabet.js';
import { checkSymbol, gfMultiply, GROUP_SIZE, groupSyndrome, WEIGHTS } from '../../shared/codes/check.js';
import { REGISTRATION_FORMAT, REQUEST_FORMAT } from '../../shared/codes/formats.js';
import { formatCode, readCode } from '../../shared/codes/typed.js';

test('GF(32): the weights are distinct, nonzero powers of the generator, and multiplication is a field', () => {
  assert.equal(new Set(WEIGHTS).size, 6);
  assert.ok(!new Set<number>(WEIGHTS).has(0));
  // x^5 = x^2 + 1: the generator 2 has order 31, so every nonzero element has an inverse.
  const powers = new Set<number>();
  for (let p = 1, i = 0; i < 31; i++, p = gfMultiply(p, 2)) powers.add(p);
  assert.equal(powers.size, 31);
  for (let a = 1; a < 32; a++) assert.ok([...Array(32).keys()].some((b) => gfMultiply(a, b) === 1), `${a} has an inverse`);
});

// Every value pair at every position (or pair of positions) is tried on a real valid group. The other
// symbols are random: the check is linear, so whether an error is caught depends only on the error,
// which makes this exhaustive over all 32^5 groups.
const GROUP = 7;

/** Seeded, so a failing run can be repeated (mulberry32). */
const random = (() => {
  let state = 20261124;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const valid = (group: number[]) => groupSyndrome(group) === GROUP;

/** A valid group with the given symbols at the given positions (the check among them, perhaps). */
function validGroupWith(fixed: Map<number, number>): number[] {
  const group = Array.from({ length: GROUP_SIZE }, (_, i) => fixed.get(i) ?? Math.floor(random() * 32));
  const free = [0, 1, 2, 3, 4].find((p) => !fixed.has(p))!;
  for (let v = 0; v < 32; v++) {
    group[free] = v;
    if (!fixed.has(5)) group[5] = checkSymbol(group, GROUP);
    if (valid(group)) return group;
  }
  throw new Error('unreachable: a nonzero weight makes the free symbol a bijection');
}

test('exhaustive: every single substitution at every position of a group is detected', () => {
  let checked = 0;
  for (let position = 0; position < GROUP_SIZE; position++) {
    for (let from = 0; from < 32; from++) {
      const group = validGroupWith(new Map([[position, from]]));
      for (let to = 0; to < 32; to++) {
        if (to === from) continue;
        const typed = [...group];
        typed[position] = to;
        assert.ok(!valid(typed), `position ${position}: ${from} -> ${to}`);
        checked++;
      }
    }
  }
  assert.equal(checked, 6 * 32 * 31);
});

test('exhaustive: every adjacent and jump transposition (ab -> ba, abc -> cba) and twin error (aa -> bb, aca -> bcb) is detected', () => {
  let checked = 0;
  for (const distance of [1, 2]) {
    for (let i = 0; i + distance < GROUP_SIZE; i++) {
      const j = i + distance;
      for (let a = 0; a < 32; a++) {
        for (let b = 0; b < 32; b++) {
          if (a === b) continue;
          const swapped = [...validGroupWith(new Map([[i, a], [j, b]]))];
          [swapped[i], swapped[j]] = [b, a];
          assert.ok(!valid(swapped), `transposition at ${i},${j}: ${a},${b}`);
          const twins = [...validGroupWith(new Map([[i, a], [j, a]]))];
          twins[i] = twins[j] = b;
          assert.ok(!valid(twins), `twin at ${i},${j}: ${a}${a} -> ${b}${b}`);
          checked += 2;
        }
      }
    }
  }
  assert.equal(checked, (5 + 4) * 32 * 31 * 2);
});

// The same promises at the level of a whole typed code: refused, and the message names the group.
const payloadArb = (format: typeof REQUEST_FORMAT) => fc.uint8Array({ min: 0, max: 31, minLength: format.groups * 5, maxLength: format.groups * 5 });
const failsIn = (text: string, format: typeof REQUEST_FORMAT, groups: number[]) => {
  const read = readCode(text, format);
  assert.equal(read.ok, false, text);
  if (read.ok) return;
  assert.equal(read.failure.reason, 'bad_group');
  assert.deepEqual(read.failure.groups, groups);
  for (const g of groups) assert.match(read.failure.message, new RegExp(`\\b${g}\\b`));
};
const edit = (code: string, group: number, change: (chars: string[]) => void) => {
  const groups = code.split('-').map((g) => [...g]);
  change(groups[group]!);
  return groups.map((g) => g.join('')).join('-');
};

for (const format of [REQUEST_FORMAT, REGISTRATION_FORMAT]) {
  test(`${format.label}: every single substitution in a code is refused, naming its group`, () => {
    const code = formatCode(format, Uint8Array.from({ length: format.groups * 5 }, () => Math.floor(random() * 32)));
    assert.equal(readCode(code, format).ok, true);
    for (let g = 0; g < format.groups; g++) {
      for (let p = 0; p < GROUP_SIZE; p++) {
        for (const replacement of ALPHABET) {
          const typed = edit(code, g, (chars) => {
            if (chars[p] === replacement) return;
            chars[p] = replacement;
          });
          if (typed !== code) failsIn(typed, format, [g + 1]);
        }
      }
    }
  });

  test(`${format.label}: random transpositions and twin errors are refused, naming the group (fast-check)`, () => {
    const errorArb = fc.record({
      payload: payloadArb(format),
      group: fc.integer({ min: 0, max: format.groups - 1 }),
      at: fc.integer({ min: 0, max: 4 }),
      distance: fc.constantFrom(1, 2),
      twin: fc.boolean(),
      to: fc.integer({ min: 1, max: 31 }),
    });
    fc.assert(
      fc.property(errorArb, ({ payload, group, at, distance, twin, to }) => {
        const i = Math.min(at, GROUP_SIZE - 1 - distance);
        const j = i + distance;
        if (twin) payload[group * 5 + i] = payload[group * 5 + Math.min(j, 4)]!; // make a twin (the check may be its partner)
        const code = formatCode(format, payload);
        const typed = edit(code, group, (chars) => {
          if (twin) {
            if (chars[i] !== chars[j]) return;
            const b = ALPHABET[(ALPHABET.indexOf(chars[i]!) + to) % 32]!;
            chars[i] = chars[j] = b;
          } else [chars[i], chars[j]] = [chars[j]!, chars[i]!];
        });
        fc.pre(typed !== code);
        failsIn(typed, format, [group + 1]);
      }),
      { numRuns: 3000 },
    );
  });
}

test('two valid groups swapped are refused, and both are named', () => {
  const code = formatCode(REQUEST_FORMAT, Uint8Array.from({ length: REQUEST_FORMAT.groups * 5 }, (_, i) => (i * 7) % 32));
  const groups = code.split('-');
  [groups[2], groups[11]] = [groups[11]!, groups[2]!];
  const read = readCode(groups.join('-'), REQUEST_FORMAT);
  assert.ok(!read.ok);
  assert.deepEqual(read.failure.groups, [3, 12]);
  assert.match(read.failure.message, /Groups 3 and 12 are in each other's place/);
});

test('a transposition across a dash is two substitutions: both groups are named', () => {
  const code = formatCode(REGISTRATION_FORMAT, Uint8Array.from({ length: 30 }, (_, i) => i));
  const chars = [...code.replaceAll('-', '')];
  [chars[11], chars[12]] = [chars[12]!, chars[11]!];
  assert.notEqual(chars[11], chars[12]);
  failsIn(chars.join(''), REGISTRATION_FORMAT, [2, 3]);
});
