// sdscatrepr and the two JSON string encoders on every byte 0..255, expected bytes captured from redis-cli 7.0.15.
import { describe, expect, it } from 'vitest';
import { bytes, cString, jsonString, quotedJsonString, repr } from '../../src/format/repr.js';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

// Each row is a 16-byte bulk string starting at `first` (bytes first..first+15) as redis-cli printed it:
// TTY/CSV quoting (sdscatrepr), --json (escapeJsonString) and --quoted-json.
const BYTES: Array<[first: number, repr: string, json: string, quoted: string]> = [
  [0x00, '"\\x00\\x01\\x02\\x03\\x04\\x05\\x06\\a\\b\\t\\n\\x0b\\x0c\\r\\x0e\\x0f"',
    '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"',
    '"\\\\x00\\\\x01\\\\x02\\\\x03\\\\x04\\\\x05\\\\x06\\\\a\\\\b\\\\t\\\\n\\\\x0b\\\\x0c\\\\r\\\\x0e\\\\x0f"'],
  [0x10, '"\\x10\\x11\\x12\\x13\\x14\\x15\\x16\\x17\\x18\\x19\\x1a\\x1b\\x1c\\x1d\\x1e\\x1f"',
    '"\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f"',
    '"\\\\x10\\\\x11\\\\x12\\\\x13\\\\x14\\\\x15\\\\x16\\\\x17\\\\x18\\\\x19\\\\x1a\\\\x1b\\\\x1c\\\\x1d\\\\x1e\\\\x1f"'],
  [0x20, '" !\\"#$%&\'()*+,-./"',
    '" !\\"#$%&\'()*+,-./"',
    '" !\\\\"#$%&\'()*+,-./"'],
  [0x30, '"0123456789:;<=>?"',
    '"0123456789:;<=>?"',
    '"0123456789:;<=>?"'],
  [0x40, '"@ABCDEFGHIJKLMNO"',
    '"@ABCDEFGHIJKLMNO"',
    '"@ABCDEFGHIJKLMNO"'],
  [0x50, '"PQRSTUVWXYZ[\\\\]^_"',
    '"PQRSTUVWXYZ[\\\\]^_"',
    '"PQRSTUVWXYZ[\\\\\\\\]^_"'],
  [0x60, '"`abcdefghijklmno"',
    '"`abcdefghijklmno"',
    '"`abcdefghijklmno"'],
  [0x70, '"pqrstuvwxyz{|}~\\x7f"',
    '"pqrstuvwxyz{|}~\x7f"',
    '"pqrstuvwxyz{|}~\\\\x7f"'],
  [0x80, '"\\x80\\x81\\x82\\x83\\x84\\x85\\x86\\x87\\x88\\x89\\x8a\\x8b\\x8c\\x8d\\x8e\\x8f"',
    '"\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f"',
    '"\\\\x80\\\\x81\\\\x82\\\\x83\\\\x84\\\\x85\\\\x86\\\\x87\\\\x88\\\\x89\\\\x8a\\\\x8b\\\\x8c\\\\x8d\\\\x8e\\\\x8f"'],
  [0x90, '"\\x90\\x91\\x92\\x93\\x94\\x95\\x96\\x97\\x98\\x99\\x9a\\x9b\\x9c\\x9d\\x9e\\x9f"',
    '"\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f"',
    '"\\\\x90\\\\x91\\\\x92\\\\x93\\\\x94\\\\x95\\\\x96\\\\x97\\\\x98\\\\x99\\\\x9a\\\\x9b\\\\x9c\\\\x9d\\\\x9e\\\\x9f"'],
  [0xa0, '"\\xa0\\xa1\\xa2\\xa3\\xa4\\xa5\\xa6\\xa7\\xa8\\xa9\\xaa\\xab\\xac\\xad\\xae\\xaf"',
    '"\xa0\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa8\xa9\xaa\xab\xac\xad\xae\xaf"',
    '"\\\\xa0\\\\xa1\\\\xa2\\\\xa3\\\\xa4\\\\xa5\\\\xa6\\\\xa7\\\\xa8\\\\xa9\\\\xaa\\\\xab\\\\xac\\\\xad\\\\xae\\\\xaf"'],
  [0xb0, '"\\xb0\\xb1\\xb2\\xb3\\xb4\\xb5\\xb6\\xb7\\xb8\\xb9\\xba\\xbb\\xbc\\xbd\\xbe\\xbf"',
    '"\xb0\xb1\xb2\xb3\xb4\xb5\xb6\xb7\xb8\xb9\xba\xbb\xbc\xbd\xbe\xbf"',
    '"\\\\xb0\\\\xb1\\\\xb2\\\\xb3\\\\xb4\\\\xb5\\\\xb6\\\\xb7\\\\xb8\\\\xb9\\\\xba\\\\xbb\\\\xbc\\\\xbd\\\\xbe\\\\xbf"'],
  [0xc0, '"\\xc0\\xc1\\xc2\\xc3\\xc4\\xc5\\xc6\\xc7\\xc8\\xc9\\xca\\xcb\\xcc\\xcd\\xce\\xcf"',
    '"\xc0\xc1\xc2\xc3\xc4\xc5\xc6\xc7\xc8\xc9\xca\xcb\xcc\xcd\xce\xcf"',
    '"\\\\xc0\\\\xc1\\\\xc2\\\\xc3\\\\xc4\\\\xc5\\\\xc6\\\\xc7\\\\xc8\\\\xc9\\\\xca\\\\xcb\\\\xcc\\\\xcd\\\\xce\\\\xcf"'],
  [0xd0, '"\\xd0\\xd1\\xd2\\xd3\\xd4\\xd5\\xd6\\xd7\\xd8\\xd9\\xda\\xdb\\xdc\\xdd\\xde\\xdf"',
    '"\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xd9\xda\xdb\xdc\xdd\xde\xdf"',
    '"\\\\xd0\\\\xd1\\\\xd2\\\\xd3\\\\xd4\\\\xd5\\\\xd6\\\\xd7\\\\xd8\\\\xd9\\\\xda\\\\xdb\\\\xdc\\\\xdd\\\\xde\\\\xdf"'],
  [0xe0, '"\\xe0\\xe1\\xe2\\xe3\\xe4\\xe5\\xe6\\xe7\\xe8\\xe9\\xea\\xeb\\xec\\xed\\xee\\xef"',
    '"\xe0\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef"',
    '"\\\\xe0\\\\xe1\\\\xe2\\\\xe3\\\\xe4\\\\xe5\\\\xe6\\\\xe7\\\\xe8\\\\xe9\\\\xea\\\\xeb\\\\xec\\\\xed\\\\xee\\\\xef"'],
  [0xf0, '"\\xf0\\xf1\\xf2\\xf3\\xf4\\xf5\\xf6\\xf7\\xf8\\xf9\\xfa\\xfb\\xfc\\xfd\\xfe\\xff"',
    '"\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xff"',
    '"\\\\xf0\\\\xf1\\\\xf2\\\\xf3\\\\xf4\\\\xf5\\\\xf6\\\\xf7\\\\xf8\\\\xf9\\\\xfa\\\\xfb\\\\xfc\\\\xfd\\\\xfe\\\\xff"'],
];

describe('every byte 0..255', () => {
  for (const [first, wantRepr, wantJson, wantQuoted] of BYTES) {
    const buf = Buffer.from(Array.from({ length: 16 }, (_, i) => first + i));
    it(`0x${first.toString(16).padStart(2, '0')}..0x${(first + 15).toString(16)}`, () => {
      expect(repr(buf)).toBe(wantRepr);
      expect(jsonString(buf)).toBe(wantJson);
      expect(quotedJsonString(buf)).toBe(wantQuoted);
    });
  }

  it('one byte at a time gives the same escapes as the rows', () => {
    const all = BYTES.map(([, r]) => r.slice(1, -1)).join('');
    const one = Array.from({ length: 256 }, (_, c) => repr(Buffer.from([c])).slice(1, -1)).join('');
    expect(one).toBe(all);
  });
});

describe('repr', () => {
  it('quotes UTF-8 byte by byte, as redis-cli never calls setlocale', () => {
    expect(repr(Buffer.from('héllo', 'utf8'))).toBe('"h\\xc3\\xa9llo"');
  });

  it('matches the sample in the reference doc', () => {
    const sample = latin1('\x00\x01\x07\x08\x09\x0a\x0b\x0c\x0d\x1b\x7f\x80\xff \x22\x5c\x27~');
    expect(repr(sample)).toBe('"\\x00\\x01\\a\\b\\t\\n\\x0b\\x0c\\r\\x1b\\x7f\\x80\\xff \\"\\\\\'~"');
  });

  it('takes the fast path for plain text, in the middle and at the end of a long string', () => {
    const plain = 'x'.repeat(100_000);
    expect(repr(latin1(plain))).toBe(`"${plain}"`);
    expect(repr(latin1(plain + '\n'))).toBe(`"${plain}\\n"`);
    expect(repr(latin1(''))).toBe('""');
  });

});

describe('JSON strings', () => {
  it('--json leaves 0xf0 raw and --quoted-json escapes it', () => {
    const emoji = Buffer.from('😀', 'utf8');
    expect(jsonString(emoji)).toBe('"\xf0\x9f\x98\x80"');
    expect(quotedJsonString(emoji)).toBe('"\\\\xf0\\\\x9f\\\\x98\\\\x80"');
  });

  it('--quoted-json doubles the backslash of \\" (invalid JSON, as redis-cli)', () => {
    expect(quotedJsonString(latin1('a"b\\c'))).toBe('"a\\\\"b\\\\\\\\c"');
  });

  it('does not escape "/"', () => {
    expect(jsonString(latin1('a/b'))).toBe('"a/b"');
  });
});

describe('helpers', () => {
  it('cString stops at the first NUL like C %s', () => {
    expect(bytes(cString(latin1('ab\x00cd')))).toBe('ab');
    expect(bytes(cString(latin1('abc')))).toBe('abc');
    expect(bytes(cString(latin1('\x00')))).toBe('');
  });
});
