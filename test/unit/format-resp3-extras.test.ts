// Replies redis-cli 7.0.15 cannot print (big numbers, attributes, blob errors, `nan`): eredis's chosen output per mode.
import { describe, expect, it } from 'vitest';
import { formatReply } from '../../src/format/index.js';
import type { Reply } from '../../src/resp/types.js';
import {
  arr,
  big,
  blobErr,
  bulk,
  dbl,
  DEFAULTS,
  err,
  int,
  map,
  MODES,
  runModeTable,
  simple,
  withAttrs,
  type ModeRow,
} from './format-builders.js';

// Big numbers: 7.0.15 prints "Unknown reply type: 13" and exits 1 (checked with `debug protocol bignum`). These are
// hand-written from redis/redis#15764: TTY "(big number) N", raw and CSV the text as sent, both JSON modes a string.
const BIG = '1234567890123456789012345678901234567890';
runModeTable('big numbers (redis/redis#15764)', [
  ['debug protocol bignum', big(BIG), `(big number) ${BIG}\n`, `${BIG}\n`, `${BIG}\n`, `"${BIG}"\n`, `"${BIG}"\n`],
  ['negative', big(`-${BIG}`), `(big number) -${BIG}\n`, `-${BIG}\n`, `-${BIG}\n`, `"-${BIG}"\n`, `"-${BIG}"\n`],
  ['leading zeros are kept', big('007'), '(big number) 007\n', '007\n', '007\n', '"007"\n', '"007"\n'],
  [
    'inside an array and as a map key',
    arr(big('0'), map([big('18446744073709551616'), int(1)])),
    '1) (big number) 0\n2) 1# (big number) 18446744073709551616 => (integer) 1\n',
    '0\n18446744073709551616 1\n',
    '0,18446744073709551616,1\n',
    '["0",{"18446744073709551616":1}]\n',
    '["0",{"18446744073709551616":1}]\n',
  ],
] satisfies ModeRow[]);

describe('attributes are not printed', () => {
  // 7.0.15: `debug protocol attrib` fails with 'Protocol error, got "|" as reply type byte'. No redis-cli or
  // valkey-cli prints attributes, and RESP3 says they are auxiliary data, not part of the reply.
  const attrs: Array<[Reply, Reply]> = [[bulk('key-popularity'), arr(bulk('key:123'), int(90))]];
  const cases: Array<[string, Reply]> = [
    ['debug protocol attrib', bulk('Some real reply following the attribute')],
    ['an integer', int(7)],
    ['an array', arr(bulk('a'), int(1))],
    ['a map', map([bulk('k'), bulk('v')])],
  ];
  for (const [name, plain] of cases) {
    it(name, () => {
      for (const mode of MODES) {
        expect(formatReply(withAttrs(attrs, plain), mode, DEFAULTS), mode).toBe(formatReply(plain, mode, DEFAULTS));
      }
    });
  }

  it('nested: on an element, a map key and a map value', () => {
    const nested = arr(withAttrs(attrs, bulk('a')), map([withAttrs(attrs, simple('k')), withAttrs(attrs, int(1))]));
    const plain = arr(bulk('a'), map([simple('k'), int(1)]));
    for (const mode of MODES) {
      expect(formatReply(nested, mode, DEFAULTS), mode).toBe(formatReply(plain, mode, DEFAULTS));
    }
  });
});

describe('blob errors (`!`) print like simple errors', () => {
  // 7.0's hiredis has no parser for `!`; newer hiredis turns it into an ordinary error reply.
  it('in every mode, top-level and nested', () => {
    const text = 'SYNTAX invalid\r\nsyntax';
    for (const mode of MODES) {
      expect(formatReply(blobErr(text), mode, DEFAULTS), mode).toBe(formatReply(err(text), mode, DEFAULTS));
      expect(formatReply(arr(blobErr(text)), mode, DEFAULTS), mode).toBe(formatReply(arr(err(text)), mode, DEFAULTS));
    }
  });
});

describe('doubles are printed as sent', () => {
  // 7.0's hiredis rejects `,nan` ("Bad double value"); the decoder may accept it, and then it prints as sent.
  runModeTable('nan', [['nan', dbl('nan'), '(double) nan\n', 'nan\n', 'nan\n', 'nan\n', 'nan\n']]);
});
