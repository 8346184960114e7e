// RESP encoder: exact bytes for every kind of argument, and a round trip through the decoder.
import { describe, it, expect } from 'vitest';
import { ReplyDecoder } from '../../src/resp/reply-collector.js';
import { encodeCommand, encodeCommands, type Arg } from '../../src/resp/encode.js';
import type { Reply } from '../../src/resp/types.js';

const latin1 = (buf: Buffer) => buf.toString('latin1');

/** Decodes encoded commands the way a server reads them: each is an array of bulk strings. */
function decodeCommands(bytes: Buffer): Buffer[][] {
  const out: Buffer[][] = [];
  new ReplyDecoder((reply: Reply) => {
    if (reply.type !== 'array') throw new Error(`expected an array, got ${reply.type}`);
    out.push(reply.items.map((item) => (item.type === 'bulk' ? Buffer.from(item.value) : Buffer.alloc(0))));
  }).write(bytes);
  return out;
}

const asBuffers = (argv: Arg[]) => argv.map((a) => (typeof a === 'string' ? Buffer.from(a, 'utf8') : a));

describe('encodeCommand', () => {
  it('encodes string arguments', () => {
    expect(latin1(encodeCommand(['SET', 'key', 'value']))).toBe('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n');
  });

  it('encodes a single-word command', () => {
    expect(latin1(encodeCommand(['PING']))).toBe('*1\r\n$4\r\nPING\r\n');
  });

  it('copies Buffer arguments byte for byte, CR LF and NUL included', () => {
    const value = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80]);
    expect(latin1(encodeCommand(['SET', Buffer.from('k'), value]))).toBe(
      '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\n\x00\xff\r\n\x80\r\n',
    );
  });

  it('writes strings as UTF-8 and counts bytes, not characters', () => {
    expect(encodeCommand(['SET', 'héllo', '🙂'])).toStrictEqual(
      Buffer.concat([Buffer.from('*3\r\n$3\r\nSET\r\n$6\r\n'), Buffer.from('héllo'), Buffer.from('\r\n$4\r\n'),
        Buffer.from('🙂'), Buffer.from('\r\n')]),
    );
  });

  it('encodes empty string and empty Buffer arguments', () => {
    expect(latin1(encodeCommand(['SET', '', Buffer.alloc(0)]))).toBe('*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n');
  });

  it('encodes an empty argv as an empty array', () => {
    expect(latin1(encodeCommand([]))).toBe('*0\r\n');
  });

  it('writes lengths at digit boundaries', () => {
    for (const n of [9, 10, 99, 100, 999, 1000, 65536]) {
      const arg = 'x'.repeat(n);
      expect(latin1(encodeCommand([arg]))).toBe(`*1\r\n$${n}\r\n${arg}\r\n`);
    }
  });

  it('writes argument counts at digit boundaries', () => {
    for (const n of [10, 100]) {
      const argv = Array.from({ length: n }, () => 'a');
      expect(latin1(encodeCommand(argv))).toBe(`*${n}\r\n` + '$1\r\na\r\n'.repeat(n));
    }
  });

  it('round-trips through the decoder', () => {
    const argv: Arg[] = ['HSET', 'h', 'field', Buffer.from([0, 1, 2, 13, 10, 255]), 'ünïcødé', '', Buffer.alloc(20000, 7)];
    expect(decodeCommands(encodeCommand(argv))).toStrictEqual([asBuffers(argv)]);
  });
});

describe('encodeCommands', () => {
  it('is the concatenation of encodeCommand for each command', () => {
    const commands: Arg[][] = [['PING'], ['SET', 'k', Buffer.from('v\r\n')], ['GET', 'ключ'], ['DEL', '']];
    expect(encodeCommands(commands)).toStrictEqual(Buffer.concat(commands.map((c) => encodeCommand(c))));
  });

  it('encodes nothing as an empty Buffer', () => {
    expect(encodeCommands([]).length).toBe(0);
  });

  it('pipelines 10,000 commands into one Buffer that decodes back to the same argv', () => {
    const commands: Arg[][] = Array.from({ length: 10_000 }, (_, i) =>
      i % 3 === 0 ? ['SET', `key:${i}`, Buffer.from([i & 0xff, 13, 10])] : ['INCRBY', `counter:é:${i}`, String(i)],
    );
    const bytes = encodeCommands(commands);
    expect(decodeCommands(bytes)).toStrictEqual(commands.map(asBuffers));
  });
});
