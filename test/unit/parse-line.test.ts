// Table-driven checks that splitArgs/parseRepeatPrefix behave exactly like redis-cli's sdssplitargs and repeat prefix.
import { describe, expect, it } from 'vitest';
import { parseRepeatPrefix, REPEAT_ERROR, splitArgs } from '../../src/commands/split-args.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');
const split = (s: string): string[] | null => splitArgs(b(s))?.map((x) => x.toString('latin1')) ?? null;

describe('splitArgs', () => {
  const cases: Array<[string, string, string[] | null]> = [
    ['empty line', '', []],
    ['blank line', ' \t\r\n\v\f ', []],
    ['plain tokens', 'set key value', ['set', 'key', 'value']],
    ['leading/trailing whitespace', '  \t get  k \r\n', ['get', 'k']],
    ['tab, CR and LF separate', 'a\tb\rc\nd', ['a', 'b', 'c', 'd']],
    ['\\v and \\f stay inside an unquoted token', 'a\vb c\fd', ['a\vb', 'c\fd']],
    ['\\v and \\f are skipped as leading blanks', '\v\fa \f\vb', ['a', 'b']],
    ['trailing \\v joins the token', 'a\v', ['a\v']],
    ['double quotes', 'set a "x y"', ['set', 'a', 'x y']],
    ['empty quoted token', 'set k ""', ['set', 'k', '']],
    ['quote mid-token starts a section', 'set key"" bar', ['set', 'key', 'bar']],
    ['mid-token section keeps its content', 'a"b c" d', ['ab c', 'd']],
    ['mid-token single quotes', "x'y z'", ['xy z']],
    ['bytes after a closing quote', 'get ""key', null],
    ['closing quote followed by text', 'get "key"x', null],
    ['closing single quote followed by text', "get 'key'x", null],
    ['second quote right after the first section', 'a"b""c"', null],
    ['unterminated double quote', 'GET "abc', null],
    ['unterminated single quote', "GET 'abc", null],
    ['lone quote', '"', null],
    ['closing quote then \\v is fine (isspace)', '"a"\vb', ['a', 'b']],
    ['closing quote then \\f is fine (isspace)', "'a'\fb", ['a', 'b']],
    ['closing quote then \\r', '"a"\r', ['a']],
    ['hex escapes, one-digit \\x is literal', '"\\x41\\x4"', ['Ax4']],
    ['upper-case hex', '"\\xFF\\xaB"', ['\xff\xab']],
    ['non-hex after \\x', '"\\xg1"', ['xg1']],
    ['\\x at the end of the section', '"\\x"', ['x']],
    ['\\x with one digit at the end', '"\\x4"', ['x4']],
    ['\\xf0 gives one byte', '"\\xf0"', ['\xf0']],
    ['\\x00 gives a NUL byte', '"a\\x00b"', ['a\x00b']],
    ['double-quote escapes', '"\\n\\r\\t\\b\\a"', ['\n\r\t\b\x07']],
    ['other escaped chars stand for themselves', '"\\"\\\\\\q\\\'"', ['"\\q\'']],
    ['escaped quote does not close', '"a\\" b"', ['a" b']],
    ['single quotes keep \\n literally', "'\\n'", ['\\n']],
    ["single quotes: \\' is a quote", "'it\\'s'", ["it's"]],
    ['single quotes: backslash elsewhere literal', "'a\\\\b'", ['a\\\\b']],
    ['double quote inside single quotes', `'say "hi"'`, ['say "hi"']],
    ['single quote inside double quotes', `"it's"`, ["it's"]],
    ['trailing backslash inside quotes', '"abc\\', null],
    ['raw control and high bytes unquoted', 'a\x01\x7f\xff b', ['a\x01\x7f\xff', 'b']],
    ['quoted section keeps whitespace', '" \t\n "', [' \t\n ']],
    ['NUL ends the line', 'get a\x00b c', ['get', 'a']],
    ['NUL at the start = empty line', '\x00get a', []],
    ['NUL inside quotes = unterminated', 'get "a\x00b"', null],
    ['NUL right after a closing quote', 'get "a"\x00x', ['get', 'a']],
  ];
  it.each(cases)('%s', (_name, line, expected) => {
    expect(split(line)).toEqual(expected);
  });

  it('is binary-safe for UTF-8 input', () => {
    const out = splitArgs(Buffer.from('set k "héllo wörld"'))!;
    expect(out[2]!.toString('utf8')).toBe('héllo wörld');
  });

  it('returns tokens that do not alias the input buffer', () => {
    const line = b('set "k\\x41" v');
    const out = splitArgs(line)!;
    line.fill(0x7a);
    expect(out.map((x) => x.toString())).toEqual(['set', 'kA', 'v']);
  });

  it('round-trips sdscatrepr output for random byte strings', () => {
    let seed = 0x2545f491;
    const rnd = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    // Bias towards the bytes that matter: quotes, backslash, x, hex digits, whitespace, NUL, high bytes.
    const special = [0x22, 0x27, 0x5c, 0x78, 0x30, 0x61, 0x46, 0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x00, 0x07, 0x08, 0xff, 0x80];
    for (let iter = 0; iter < 3000; iter++) {
      const bytes = Buffer.alloc(rnd(40));
      for (let k = 0; k < bytes.length; k++) bytes[k] = rnd(3) === 0 ? special[rnd(special.length)]! : rnd(256);
      const repr = reprOf(bytes);
      expect(splitArgs(Buffer.from(repr, 'latin1')), repr).toEqual([bytes]);
      const line = Buffer.from(`set ${repr} ${reprOf(bytes)}`, 'latin1');
      expect(splitArgs(line), repr).toEqual([b('set'), bytes, bytes]);
    }
  });
});

/** Minimal hi_sdscatrepr, local to the test so the round trip is checked against an independent encoder. */
function reprOf(buf: Buffer): string {
  let s = '"';
  for (const c of buf) {
    if (c === 0x5c) s += '\\\\';
    else if (c === 0x22) s += '\\"';
    else if (c === 0x0a) s += '\\n';
    else if (c === 0x0d) s += '\\r';
    else if (c === 0x09) s += '\\t';
    else if (c === 0x07) s += '\\a';
    else if (c === 0x08) s += '\\b';
    else if (c >= 0x20 && c <= 0x7e) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0');
  }
  return s + '"';
}

describe('parseRepeatPrefix', () => {
  const argv = (s: string): Buffer[] => splitArgs(b(s))!;
  const ok = (repeat: number, rest: string[]) => ({ repeat, argv: rest.map(b) });
  const err = { error: REPEAT_ERROR };
  const cases: Array<[string, unknown]> = [
    ['3 ping', ok(3, ['ping'])],
    ['+3 ping', ok(3, ['ping'])],
    ['003 ping', ok(3, ['ping'])],
    ['3 incr c', ok(3, ['incr', 'c'])],
    ['0 ping', err],
    ['-0 ping', err],
    ['-1 ping', err],
    ['99999999999999999999 ping', err],
    ['9223372036854775808 ping', err],
    ['-9223372036854775809 ping', err],
    ['9223372036854775807 ping', ok(9223372036854775807, ['ping'])],
    ['0x3 ping', ok(1, ['0x3', 'ping'])],
    ['3x ping', ok(1, ['3x', 'ping'])],
    ['+ ping', ok(1, ['+', 'ping'])],
    ['- ping', ok(1, ['-', 'ping'])],
    ['3', ok(1, ['3'])],
    ['0', ok(1, ['0'])],
    ['ping', ok(1, ['ping'])],
    ['get 3', ok(1, ['get', '3'])],
    // Quoting reaches strtol's own quirks: it skips leading isspace, and an empty string is "fully parsed" as 0.
    ['" 3" ping', ok(3, ['ping'])],
    ['"3 " ping', ok(1, ['3 ', 'ping'])],
    ['"" ping', err],
    ['" " ping', ok(1, [' ', 'ping'])],
    ['"2\\x00junk" ping', ok(2, ['ping'])],
  ];
  it.each(cases)('%s', (line, expected) => {
    expect(parseRepeatPrefix(argv(line))).toEqual(expected);
  });

  it('keeps argv untouched for a single argument', () => {
    const a = [b('3')];
    expect(parseRepeatPrefix(a)).toEqual({ repeat: 1, argv: a });
    expect(parseRepeatPrefix([])).toEqual({ repeat: 1, argv: [] });
  });
});
