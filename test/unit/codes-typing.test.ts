// What people type: forgiving where Crockford is (case, O/I/L, dashes, spaces), precise where it
// matters (a refused character and its group, how many characters were expected), and live.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGISTRATION_FORMAT, REQUEST_FORMAT, REQUEST_FORMAT_V1, REQUEST_FORMATS, TOKEN_FORMAT } from '../../shared/codes/formats.js';
import { checkGroups, formatCode, identifyCode, readCode, readCodeIn, typingFormat } from '../../shared/codes/typed.js';

const payload = Uint8Array.from({ length: 30 }, (_, i) => (i * 11 + 3) % 32);
const code = formatCode(REGISTRATION_FORMAT, payload);

const failure = (text: string, format = REGISTRATION_FORMAT) => {
  const read = readCode(text, format);
  assert.ok(!read.ok, `${text} should be refused`);
  return read.failure;
};

test('a code is shown as groups of 5 data characters and a check character, separated by dashes', () => {
  assert.match(code, /^([0-9A-HJKMNP-TV-Z]{6}-){5}[0-9A-HJKMNP-TV-Z]{6}$/);
  assert.deepEqual(readCode(code, REGISTRATION_FORMAT), { ok: true, value: payload });
});

test('lower case, O for 0, I and L for 1, spaces, line breaks and typographic dashes are all accepted', () => {
  const sloppy = code.toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l').replaceAll('-', ' \u2013 ');
  assert.deepEqual(readCode(sloppy, REGISTRATION_FORMAT), { ok: true, value: payload });
  assert.deepEqual(readCode(code.replaceAll('1', 'I').replaceAll('-', ''), REGISTRATION_FORMAT), { ok: true, value: payload });
  assert.deepEqual(readCode(`  ${code.replaceAll('-', '\n')}\t`, REGISTRATION_FORMAT), { ok: true, value: payload });
});

test('U and other characters are refused, naming the character, its group and its place', () => {
  const chars = [...code];
  chars[15] = 'u'; // group 3, character 2
  const f = failure(chars.join(''));
  assert.equal(f.reason, 'bad_character');
  assert.deepEqual(f.groups, [3]);
  assert.match(f.message, /'u' \(group 3, character 2\) is not used in codes/);
  assert.match(failure(`${code.slice(0, 3)}\u00e9${code.slice(4)}`).message, /'é' \(group 1, character 4\)/);
  assert.match(failure(`${code.slice(0, 3)}\u0007${code.slice(4)}`).message, /U\+0007 \(group 1/);
  assert.deepEqual(failure(`${code.slice(0, 3)}*${code.slice(4, 30)}#${code.slice(31)}`).groups, [1, 5]);
});

test('a wrong length says how many characters were expected, which group as typed is short, and what it looks like', () => {
  const short = failure(code.slice(0, 10) + code.slice(11));
  assert.equal(short.reason, 'wrong_length');
  assert.match(short.message, /has 35 characters; it should have 36 \(6 groups of 6\)\. Group 2 as typed has 5 characters\./);
  assert.match(failure(`${code}X`).message, /has 37 characters; it should have 36.*Group 6 as typed has 7 characters\./);
  assert.match(failure(`${code}-X`).message, /Group 7 as typed has 1 character\./);
  assert.match(failure('').message, /Enter the Registration code: 36 characters in 6 groups/);
  const request = formatCode(REQUEST_FORMAT, new Uint8Array(110));
  assert.match(failure(request).message, /It looks like a request code\./);
  assert.match(failure(formatCode(REQUEST_FORMAT_V1, new Uint8Array(100))).message, /It looks like a request code\./);
});

test('a token is told from a typed code by its marker group', () => {
  const token = formatCode(TOKEN_FORMAT, new Uint8Array(120));
  assert.ok(token.startsWith('BMSTK'));
  assert.equal(identifyCode(token.toLowerCase()), TOKEN_FORMAT);
  assert.equal(identifyCode(code), REGISTRATION_FORMAT);
  assert.equal(identifyCode(formatCode(REQUEST_FORMAT, new Uint8Array(110))), REQUEST_FORMAT);
  assert.equal(identifyCode(formatCode(REQUEST_FORMAT_V1, new Uint8Array(100))), REQUEST_FORMAT_V1, 'a version 1 request is told by its 20 groups');
  assert.equal(identifyCode('ABC'), null);
  // A valid 25-group code that does not start with the marker is not a token.
  const other = formatCode({ ...TOKEN_FORMAT, marker: undefined }, new Uint8Array(125));
  assert.equal(failure(other, TOKEN_FORMAT).reason, 'unsupported_version');
});

test('as the user types, each group is ok, wrong or incomplete, so the input can point at the wrong one', () => {
  const groups = code.split('-');
  const typing = `${groups[0]}-${groups[1]!.slice(0, 4)}X${groups[1]![5]}-${groups[2]}-${groups[3]!.slice(0, 2)}`;
  const check = checkGroups(typing.toLowerCase(), 6);
  assert.deepEqual(
    check.groups.map((g) => g.state),
    ['ok', 'wrong', 'ok', 'incomplete', 'incomplete', 'incomplete'],
  );
  assert.equal(check.groups[0]!.characters, groups[0]);
  assert.equal(check.groups[3]!.characters, groups[3]!.slice(0, 2));
  assert.equal(check.characters, 20);
  assert.equal(check.expectedCharacters, 36);
  assert.equal(check.complete, false);

  const done = checkGroups(code, 6);
  assert.ok(done.complete && done.groups.every((g) => g.state === 'ok'));

  const withU = checkGroups(`${groups[0]}-12U`, 6);
  assert.deepEqual(withU.badCharacters, [{ character: 'U', group: 2, position: 3 }]);
  assert.deepEqual(withU.groups[1], { group: 2, characters: '12U', state: 'wrong' }, 'wrong at once, though incomplete');

  const tooLong = checkGroups(`${code}-ABC`, 6);
  assert.equal(tooLong.groups.length, 7);
  assert.equal(tooLong.complete, false);
});

test('the request code has two versions: told apart by length when read, and by the first character while typed', () => {
  const v2 = formatCode(REQUEST_FORMAT, Uint8Array.from({ length: 110 }, (_, i) => (i === 0 ? 4 : i % 32)));
  const v1 = formatCode(REQUEST_FORMAT_V1, Uint8Array.from({ length: 100 }, (_, i) => (i === 0 ? 2 : i % 32)));
  const read2 = readCodeIn(v2, REQUEST_FORMATS);
  const read1 = readCodeIn(v1.toLowerCase(), REQUEST_FORMATS);
  assert.ok(read2.ok && read1.ok);
  assert.equal(read2.value.format, REQUEST_FORMAT);
  assert.equal(read1.value.format, REQUEST_FORMAT_V1);
  // A length that fits neither is measured against the newest version, and the older one is named.
  const short = readCodeIn(v2.slice(0, -1), REQUEST_FORMATS);
  assert.ok(!short.ok && short.failure.reason === 'wrong_length');
  assert.match(short.failure.message, /has 131 characters; it should have 132 \(22 groups of 6\)\. .*older BMS Companion has 120 characters \(20 groups\)/);
  assert.doesNotMatch(short.failure.message, /It looks like a request code/);
  const empty = readCodeIn('', REQUEST_FORMATS);
  assert.ok(!empty.ok && /Enter the request code: 132 characters in 22 groups\.$/.test(empty.failure.message));
  // While typing, the first character (the version) decides how many groups the box counts: a
  // version 2 code is not "complete" at 20 groups, where its first 20 groups all check.
  const twentyOfV2 = v2.split('-').slice(0, 20).join('-');
  assert.equal(typingFormat(twentyOfV2, REQUEST_FORMATS), REQUEST_FORMAT);
  assert.equal(checkGroups(twentyOfV2, typingFormat(twentyOfV2, REQUEST_FORMATS).groups).complete, false);
  assert.equal(typingFormat(v1.slice(0, 8), REQUEST_FORMATS), REQUEST_FORMAT_V1);
  assert.equal(typingFormat('', REQUEST_FORMATS), REQUEST_FORMAT);
  assert.equal(typingFormat('BMS', [REGISTRATION_FORMAT, TOKEN_FORMAT]), TOKEN_FORMAT);
  assert.equal(typingFormat('2ABC', [REGISTRATION_FORMAT, TOKEN_FORMAT]), REGISTRATION_FORMAT);
});
