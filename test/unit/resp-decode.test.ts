// The typed decoder (the scanner and a collecting sink): every case whole AND byte by byte, tricky ones split everywhere.
import { describe, it, expect } from 'vitest';
import { ReplyDecoder } from '../../src/resp/reply-collector.js';
import { ProtocolError } from '../../src/resp/wire.js';
import type { MapEntries, Reply } from '../../src/resp/types.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const simple = (s: string): Reply => ({ type: 'simple', value: b(s) });
const err = (s: string): Reply => ({ type: 'error', value: b(s) });
const int = (n: bigint | number): Reply => ({ type: 'integer', value: BigInt(n) });
const bulk = (s: string): Reply => ({ type: 'bulk', value: b(s) });
const nil: Reply = { type: 'null' };
const dbl = (value: string): Reply => ({ type: 'double', value });
const arr = (...items: Reply[]): Reply => ({ type: 'array', items });
const map = (...entries: MapEntries): Reply => ({ type: 'map', entries });
const withAttrs = (reply: Reply, ...attributes: MapEntries): Reply => ({ ...reply, attributes });

function decode(chunks: Buffer[]): Reply[] {
  const out: Reply[] = [];
  const decoder = new ReplyDecoder((reply) => out.push(reply));
  for (const chunk of chunks) decoder.write(chunk);
  return out;
}

const whole = (input: Buffer) => [input];
const byteByByte = (input: Buffer) => [...input].map((byte) => Buffer.from([byte]));
const splitAt = (input: Buffer, ...cuts: number[]) =>
  [0, ...cuts].map((from, i) => input.subarray(from, i < cuts.length ? cuts[i] : input.length));

/** Declares two tests for one case: the input as a single chunk and one byte per chunk. */
function decodes(name: string, input: string | Buffer, expected: Reply[]): void {
  const bytes = typeof input === 'string' ? b(input) : input;
  it(`${name} (whole)`, () => expect(decode(whole(bytes))).toStrictEqual(expected));
  it(`${name} (byte by byte)`, () => expect(decode(byteByByte(bytes))).toStrictEqual(expected));
}

/** Declares a test that splits the input into two, and then three, chunks at every possible position. */
function decodesAtEverySplit(name: string, input: string, expected: Reply[]): void {
  it(`${name} (every split)`, () => {
    const bytes = b(input);
    for (let i = 1; i < bytes.length; i++) {
      expect(decode(splitAt(bytes, i)), `cut at ${i}`).toStrictEqual(expected);
      for (let j = i + 1; j < bytes.length; j++) {
        expect(decode(splitAt(bytes, i, j)), `cut at ${i},${j}`).toStrictEqual(expected);
      }
    }
  });
}

/** Declares two tests asserting that input (whole, then byte by byte) throws a ProtocolError with this message. */
function fails(input: string, message: string): void {
  for (const [how, split] of [['whole', whole], ['byte by byte', byteByByte]] as const) {
    it(`${JSON.stringify(input)} -> ${message} (${how})`, () => {
      const decoder = new ReplyDecoder(() => undefined);
      const write = () => { for (const chunk of split(b(input))) decoder.write(chunk); };
      expect(write).toThrow(ProtocolError);
      expect(() => decoder.write(b('+OK\r\n'))).toThrow(message); // unusable until reset()
    });
  }
}

describe('ReplyDecoder: RESP2 types', () => {
  decodes('simple string', '+OK\r\n', [simple('OK')]);
  decodes('empty simple string', '+\r\n', [simple('')]);
  decodes('simple string keeps raw bytes', '+h\xc3\xa9 \x01\xff\r\n', [simple('h\xc3\xa9 \x01\xff')]);
  decodes('simple error', "-ERR unknown command 'foo'\r\n", [err("ERR unknown command 'foo'")]);
  decodes('integer zero', ':0\r\n', [int(0)]);
  decodes('negative integer', ':-42\r\n', [int(-42)]);
  decodes('int64 max', ':9223372036854775807\r\n', [int(9223372036854775807n)]);
  decodes('int64 min', ':-9223372036854775808\r\n', [int(-9223372036854775808n)]);
  decodes('integer past 2^53 stays exact', ':9007199254740993\r\n', [int(9007199254740993n)]);
  decodes('bulk string', '$5\r\nhello\r\n', [bulk('hello')]);
  decodes('empty bulk string', '$0\r\n\r\n', [bulk('')]);
  decodes('binary bulk with CR LF inside', '$8\r\na\r\nb\x00\xff\r\n\r\n', [bulk('a\r\nb\x00\xff\r\n')]);
  decodes('null bulk', '$-1\r\n', [nil]);
  decodes('null array', '*-1\r\n', [nil]);
  decodes('array', '*3\r\n:1\r\n$3\r\nfoo\r\n+bar\r\n', [arr(int(1), bulk('foo'), simple('bar'))]);
  decodes('empty array', '*0\r\n', [arr()]);
  decodes('nested arrays', '*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n', [
    arr(arr(int(1), int(2), int(3)), arr(simple('Hello'), err('World'))),
  ]);
  decodes('nulls and empties inside an array', '*4\r\n*-1\r\n$-1\r\n*0\r\n$0\r\n\r\n', [arr(nil, nil, arr(), bulk(''))]);
  decodes('several replies in one chunk', '+OK\r\n:1\r\n$3\r\nfoo\r\n*1\r\n:2\r\n', [
    simple('OK'), int(1), bulk('foo'), arr(int(2)),
  ]);
  const deep = '*1\r\n'.repeat(12) + ':7\r\n';
  let nested: Reply = int(7);
  for (let i = 0; i < 12; i++) nested = arr(nested);
  decodes('twelve levels deep', deep, [nested]);
});

describe('ReplyDecoder: RESP3 types', () => {
  decodes('null', '_\r\n', [nil]);
  decodes('true', '#t\r\n', [{ type: 'boolean', value: true }]);
  decodes('false', '#f\r\n', [{ type: 'boolean', value: false }]);
  decodes('double keeps its text', ',3.1400000000000001\r\n', [dbl('3.1400000000000001')]);
  decodes('integral double', ',10\r\n', [dbl('10')]);
  decodes('double with exponent', ',-1.5e-10\r\n', [dbl('-1.5e-10')]);
  decodes('infinities and nan', ',inf\r\n,-inf\r\n,nan\r\n', [dbl('inf'), dbl('-inf'), dbl('nan')]);
  decodes('big number', '(3492890328409238509324850943850943825024385\r\n', [
    { type: 'bignum', value: '3492890328409238509324850943850943825024385' },
  ]);
  decodes('negative big number', '(-12345678901234567890\r\n', [{ type: 'bignum', value: '-12345678901234567890' }]);
  decodes('blob error', '!21\r\nSYNTAX invalid syntax\r\n', [{ type: 'error', value: b('SYNTAX invalid syntax'), blob: true }]);
  decodes('verbatim string', '=15\r\ntxt:Some string\r\n', [{ type: 'verbatim', format: 'txt', value: b('Some string') }]);
  decodes('empty verbatim string', '=4\r\nmkd:\r\n', [{ type: 'verbatim', format: 'mkd', value: b('') }]);
  decodes('map', '%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n', [map([simple('first'), int(1)], [simple('second'), int(2)])]);
  decodes('map with aggregate keys and values', '%1\r\n*1\r\n:1\r\n~1\r\n#t\r\n', [
    map([arr(int(1)), { type: 'set', items: [{ type: 'boolean', value: true }] }]),
  ]);
  decodes('empty map', '%0\r\n', [map()]);
  decodes('set', '~3\r\n+a\r\n+b\r\n:1\r\n', [{ type: 'set', items: [simple('a'), simple('b'), int(1)] }]);
  decodes('empty set', '~0\r\n', [{ type: 'set', items: [] }]);
  decodes('push', '>3\r\n$7\r\nmessage\r\n$4\r\nchan\r\n$5\r\nhello\r\n', [
    { type: 'push', items: [bulk('message'), bulk('chan'), bulk('hello')] },
  ]);
  decodes('push between replies', ':1\r\n>2\r\n+invalidate\r\n*1\r\n$1\r\nk\r\n:2\r\n', [
    int(1), { type: 'push', items: [simple('invalidate'), arr(bulk('k'))] }, int(2),
  ]);
});

describe('ReplyDecoder: attributes', () => {
  const spec = '|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n';
  const specReply = withAttrs(arr(int(2039123), int(9543892)), [
    simple('key-popularity'), map([bulk('a'), dbl('0.1923')], [bulk('b'), dbl('0.0012')]),
  ]);
  decodes('top-level attribute attaches to the next reply', spec, [specReply]);
  decodes('nested attribute attaches to the next element, not counted', '*3\r\n:1\r\n:2\r\n|1\r\n+ttl\r\n:3600\r\n:3\r\n', [
    arr(int(1), int(2), withAttrs(int(3), [simple('ttl'), int(3600)])),
  ]);
  decodes('attribute before a nested aggregate', '*2\r\n|1\r\n+a\r\n+b\r\n*1\r\n:1\r\n:2\r\n', [
    arr(withAttrs(arr(int(1)), [simple('a'), simple('b')]), int(2)),
  ]);
  decodes('attribute before a null and an empty aggregate', '|1\r\n+a\r\n:1\r\n*-1\r\n|1\r\n+b\r\n:2\r\n%0\r\n', [
    withAttrs(nil, [simple('a'), int(1)]), withAttrs(map(), [simple('b'), int(2)]),
  ]);
  decodes('attribute applies once', '|1\r\n+a\r\n:1\r\n+x\r\n+y\r\n', [withAttrs(simple('x'), [simple('a'), int(1)]), simple('y')]);
  decodes('two attributes in a row merge', '|1\r\n+a\r\n:1\r\n|1\r\n+b\r\n:2\r\n+x\r\n', [
    withAttrs(simple('x'), [simple('a'), int(1)], [simple('b'), int(2)]),
  ]);
  decodesAtEverySplit('attributes', spec, [specReply]);
});

describe('ReplyDecoder: chunking', () => {
  decodesAtEverySplit('several mixed replies', '+OK\r\n$8\r\na\r\nb\x00\xff\r\n\r\n=8\r\ntxt:hi\r\n\r\n*2\r\n$-1\r\n,1.5\r\n', [
    simple('OK'), bulk('a\r\nb\x00\xff\r\n'), { type: 'verbatim', format: 'txt', value: b('hi\r\n') }, arr(nil, dbl('1.5')),
  ]);
  decodesAtEverySplit('map of push inside an array', '*2\r\n%1\r\n>1\r\n:1\r\n#f\r\n(12\r\n', [
    arr(map([{ type: 'push', items: [int(1)] }, { type: 'boolean', value: false }]), { type: 'bignum', value: '12' }),
  ]);

  it('a bulk spanning many chunks is reassembled, in 16 KB and in 7-byte chunks', () => {
    const value = Buffer.alloc(100_000);
    for (let i = 0; i < value.length; i++) value[i] = (i * 7) & 0xff;
    const input = Buffer.concat([b(`*2\r\n$${value.length}\r\n`), value, b('\r\n:5\r\n')]);
    for (const size of [16384, 7]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < input.length; i += size) chunks.push(input.subarray(i, i + size));
      expect(decode(chunks)).toStrictEqual([arr({ type: 'bulk', value }, int(5))]);
    }
  });

  it('a 2,000-element array arrives whole and byte by byte', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `member:${i}`);
    const input = b(`*${items.length}\r\n` + items.map((s) => `$${s.length}\r\n${s}\r\n`).join(''));
    const expected = [arr(...items.map(bulk))];
    expect(decode(whole(input))).toStrictEqual(expected);
    expect(decode(byteByByte(input))).toStrictEqual(expected);
  });

  it('a bulk inside one chunk is a view, not a copy', () => {
    const input = b('$3\r\nabc\r\n');
    const [reply] = decode([input]);
    expect(reply.type === 'bulk' && reply.value.buffer).toBe(input.buffer);
  });

  it('empty chunks are ignored and reset() drops a partial reply', () => {
    const out: Reply[] = [];
    const decoder = new ReplyDecoder((r) => out.push(r));
    decoder.write(Buffer.alloc(0));
    decoder.write(b('*2\r\n:1\r\n$5\r\nhe'));
    decoder.reset();
    decoder.write(b('+OK\r\n'));
    expect(out).toStrictEqual([simple('OK')]);
  });
});

describe('ReplyDecoder: errors in hiredis words', () => {
  fails('HTTP/1.1 400 Bad Request\r\n', 'Protocol error, got "H" as reply type byte');
  fails('\x16\x03\x01\x02\x00', 'Protocol error, got "\\x16" as reply type byte');
  fails('\x80', 'Protocol error, got "\\x80" as reply type byte');
  fails('\r\n', 'Protocol error, got "\\r" as reply type byte');
  fails('\n', 'Protocol error, got "\\n" as reply type byte');
  fails('\t', 'Protocol error, got "\\t" as reply type byte');
  fails('"', 'Protocol error, got "\\"" as reply type byte');
  fails('\\', 'Protocol error, got "\\\\" as reply type byte');
  fails('*2\r\n:1\r\nX', 'Protocol error, got "X" as reply type byte');
  for (const bad of ['abc', '', '01', '-0', '+1', '1 ', '9223372036854775808', '-9223372036854775809']) {
    fails(`:${bad}\r\n`, 'Bad integer value');
  }
  for (const bad of ['abc', '', '05', '99999999999999999999']) fails(`$${bad}\r\n`, 'Bad bulk string length');
  for (const bad of ['-2', '536870913', '9223372036854775807']) fails(`$${bad}\r\n`, 'Bulk string length out of range');
  fails('!-5\r\n', 'Bulk string length out of range');
  for (const bad of ['x', '', '1.5']) fails(`*${bad}\r\n`, 'Bad multi-bulk length');
  for (const head of ['*-2', '%4294967296', '~-3', '>5000000000', '|4294967296']) {
    fails(`${head}\r\n`, 'Multi-bulk length out of range');
  }
  for (const bad of ['abc', '', '1e999', '+inf', 'infinity', '1.2.3', '1e']) fails(`,${bad}\r\n`, 'Bad double value');
  fails(`,${'1'.repeat(326)}\r\n`, 'Double value is too large');
  for (const bad of ['x', '', 'tt', '1']) fails(`#${bad}\r\n`, 'Bad bool value');
  fails('_x\r\n', 'Bad nil value');
  fails('(12a\r\n', 'Bad bignum value');
  fails('+a\rb\r\n', 'Bad simple string value');
  fails('-a\nb\r\n', 'Bad simple string value');
  fails('=3\r\ntxt\r\n', 'Verbatim string 4 bytes of content type are missing or incorrectly encoded.');
  fails('=5\r\ntxt-x\r\n', 'Verbatim string 4 bytes of content type are missing or incorrectly encoded.');

  it('the type byte is checked before its line is complete', () => {
    expect(() => new ReplyDecoder(() => undefined).write(b('H'))).toThrow('Protocol error, got "H" as reply type byte');
  });

  it('reset() makes a failed decoder usable again', () => {
    const out: Reply[] = [];
    const decoder = new ReplyDecoder((r) => out.push(r));
    expect(() => decoder.write(b(':x\r\n'))).toThrow('Bad integer value');
    decoder.reset();
    decoder.write(b(':1\r\n'));
    expect(out).toStrictEqual([int(1)]);
  });
});

describe('ReplyDecoder: size limits', () => {
  it('a 600 MB bulk header throws as soon as the header is written', () => {
    expect(() => new ReplyDecoder(() => undefined).write(b(`$${600 * 1024 * 1024}\r\n`))).toThrow(
      new ProtocolError('Bulk string length out of range'),
    );
  });

  it('a 600 MB bulk header nested in an array throws too', () => {
    expect(() => new ReplyDecoder(() => undefined).write(b(`*2\r\n:1\r\n$${600 * 1024 * 1024}\r\n`))).toThrow(
      'Bulk string length out of range',
    );
  });

  it('an aggregate count over 2^32-1 throws at once', () => {
    expect(() => new ReplyDecoder(() => undefined).write(b('*4294967296\r\n'))).toThrow('Multi-bulk length out of range');
  });

  it('exactly 512 MB and 2^32-1 elements are accepted headers (nothing decoded yet)', () => {
    const out: Reply[] = [];
    new ReplyDecoder((r) => out.push(r)).write(b(`$${512 * 1024 * 1024}\r\nabc`));
    new ReplyDecoder((r) => out.push(r)).write(b('*4294967295\r\n:1\r\n'));
    expect(out).toStrictEqual([]);
  });
});
