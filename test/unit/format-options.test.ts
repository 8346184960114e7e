// -d/-D delimiters, always-raw commands and out-of-band pushes; expected bytes captured from redis-cli 7.0.15.
import { describe, expect, it } from 'vitest';
import { formatPush, formatReply, type OutputMode } from '../../src/format/index.js';
import type { Reply } from '../../src/resp/types.js';
import { arr, bool, bulk, DEFAULTS, err, int, map, nil, push, set, simple, verb } from './format-builders.js';

type Expect = Partial<Record<OutputMode, string>>;

describe('-d (bulk) and -D (reply) delimiters', () => {
  const comma = { bulkDelimiter: ',', replyDelimiter: '|' };
  // [name, reply, options, expected per mode]: captured with `redis-cli -d , -D '|'` and friends.
  const rows: Array<[string, Reply, typeof DEFAULTS, Expect]> = [
    [
      'nested array: only raw uses them',
      arr(bulk('a'), bulk('b'), arr(bulk('c'), bulk('d'))),
      comma,
      {
        raw: 'a,b,c,d|',
        tty: '1) "a"\n2) "b"\n3) 1) "c"\n   2) "d"\n',
        csv: '"a","b","c","d"\n',
        json: '["a","b",["c","d"]]\n',
      },
    ],
    ['map', map([bulk('k1'), bulk('v1')], [bulk('k2'), arr(bulk('x'), bulk('y'))]), comma, { raw: 'k1 v1,k2 x,y|' }],
    ['error inside an array keeps its "\\n"', arr(err('ERR x'), bulk('b')), comma, { raw: 'ERR x\n,b|' }],
    ['top-level error', err('ERR x'), comma, { raw: 'ERR x\n|' }],
    ['nil and empty array print nothing', arr(nil(), arr(), bulk('z')), comma, { raw: ',,z|' }],
    ['null', nil(), comma, { raw: '|' }],
    ['-D "": the exact bytes', bulk('\x00\x09bin\xff'), { ...DEFAULTS, replyDelimiter: '' }, { raw: '\x00\tbin\xff' }],
    ['-d ""', arr(bulk('a'), bulk('b')), { bulkDelimiter: '', replyDelimiter: '\n' }, { raw: 'ab\n' }],
    [
      'multi-byte delimiters, used literally',
      arr(bulk('a'), set(bulk('b'), bulk('c'))),
      { bulkDelimiter: '<>', replyDelimiter: '\n--\n' },
      { raw: 'a<>b<>c\n--\n' },
    ],
  ];
  for (const [name, reply, opts, expected] of rows) {
    it(name, () => {
      for (const [mode, want] of Object.entries(expected)) {
        expect(formatReply(reply, mode as OutputMode, opts), mode).toBe(want);
      }
    });
  }
});

describe('always-raw commands (INFO, CLIENT LIST, ...): raw form, no reply delimiter, in every mode', () => {
  const rows: Array<[string, Reply, typeof DEFAULTS, string]> = [
    ['bulk', bulk('# Server\r\nredis_version:7.0.15\r\n'), DEFAULTS, '# Server\r\nredis_version:7.0.15\r\n'],
    ['verbatim string', verb('txt', '# Server\r\nx:1\r\n'), DEFAULTS, '# Server\r\nx:1\r\n'],
    ['error', err('ERR nope'), DEFAULTS, 'ERR nope\n'],
    ['array with -d ,', arr(bulk('a'), int(1), nil(), bool(true)), { ...DEFAULTS, bulkDelimiter: ',' }, 'a,1,,(true)'],
  ];
  for (const [name, reply, opts, want] of rows) {
    it(name, () => {
      for (const mode of ['tty', 'raw', 'csv', 'json', 'quoted-json'] as const) {
        expect(formatReply(reply, mode, { ...opts, verbatim: true }), mode).toBe(want);
      }
    });
  }
});

describe('out-of-band pushes (cliPushHandler)', () => {
  // Captured from the push handler: TTY (pushes shown by default) and --show-pushes y in the other modes.
  const rows: Array<[string, Reply, Expect]> = [
    [
      'invalidate: the one-line TTY form',
      push(bulk('invalidate'), arr(bulk('k1'), bulk('k2'))),
      {
        tty: "-> invalidate: 'k1', 'k2'\n",
        raw: 'invalidate\nk1\nk2\n',
        csv: '"invalidate","k1","k2"\n',
        json: '["invalidate",["k1","k2"]]\n',
        'quoted-json': '["invalidate",["k1","k2"]]\n',
      },
    ],
    [
      'invalidate: keys unescaped and cut at NUL',
      push(bulk('invalidate'), arr(bulk('a\x00b'), bulk("it's \xc3\xa9"))),
      {
        tty: "-> invalidate: 'a', 'it's \xc3\xa9'\n",
        raw: "invalidate\na\x00b\nit's \xc3\xa9\n",
        csv: '"invalidate","a\\x00b","it\'s \\xc3\\xa9"\n',
        json: '["invalidate",["a\\u0000b","it\'s \xc3\xa9"]]\n',
        'quoted-json': '["invalidate",["a\\\\x00b","it\'s \\\\xc3\\\\xa9"]]\n',
      },
    ],
    ['after FLUSHALL (null keys) it is a normal push', push(bulk('invalidate'), nil()), { tty: '1) "invalidate"\n2) (nil)\n' }],
    ['invalidate with no keys', push(bulk('invalidate'), arr()), { tty: '-> invalidate: \n', raw: 'invalidate\n\n' }],
    ['a longer name matches (strncmp, 10 bytes)', push(bulk('invalidated'), arr(bulk('k'))), { tty: "-> invalidate: 'k'\n" }],
    ['a simple-string name does not', push(simple('invalidate'), arr(bulk('k'))), { tty: '1) invalidate\n2) 1) "k"\n' }],
    [
      'three items do not',
      push(bulk('invalidate'), arr(bulk('k')), int(1)),
      { tty: '1) "invalidate"\n2) 1) "k"\n3) (integer) 1\n', csv: '"invalidate","k",1\n' },
    ],
    [
      'pub/sub message',
      push(bulk('message'), bulk('ch'), bulk('hello')),
      { tty: '1) "message"\n2) "ch"\n3) "hello"\n', raw: 'message\nch\nhello\n', json: '["message","ch","hello"]\n' },
    ],
  ];
  for (const [name, reply, expected] of rows) {
    it(name, () => {
      for (const [mode, want] of Object.entries(expected)) {
        expect(formatPush(reply, mode as OutputMode, DEFAULTS), mode).toBe(want);
      }
    });
  }

  it('a push is never printed verbatim', () => {
    expect(formatPush(push(bulk('a')), 'tty', { ...DEFAULTS, verbatim: true })).toBe('1) "a"\n');
  });
});
