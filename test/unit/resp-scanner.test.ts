// The event scanner against the typed decoder (its collecting sink): random replies of every RESP2/RESP3 type, fed
// whole, byte by byte and at random splits, must print the same bytes in every output mode; captured replies are
// their exact wire bytes; and malformed input fails with the decoder's words.
import { describe, expect, it } from 'vitest';
import { ByteSink, createWriter, formatReply, type OutputMode } from '../../src/format/index.js';
import { ReplyDecoder } from '../../src/resp/reply-collector.js';
import { CAPTURE, EVENTS, RespScanner, SKIP, type ScanMode, type ScanTarget } from '../../src/resp/scanner.js';
import type { Reply } from '../../src/resp/types.js';
import { ProtocolError } from '../../src/resp/wire.js';

const MODES: OutputMode[] = ['tty', 'raw', 'csv', 'json', 'quoted-json'];
const OPTIONS = { bulkDelimiter: '\n', replyDelimiter: '\n' };

/** A small deterministic PRNG, so a failure names a seed that reproduces it. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BYTE_POOL = Buffer.from('ab z09"\\\n\r\t\x00\x07\x08\x7f\x80\xc3\xa9\xff{}[]:,', 'latin1');

function randomBytes(r: () => number, max: number): Buffer {
  return Buffer.from(Array.from({ length: Math.floor(r() * max) }, () => BYTE_POOL[Math.floor(r() * BYTE_POOL.length)]!));
}

const LINE_SAFE = (b: Buffer) => Buffer.from([...b].filter((c) => c !== 13 && c !== 10));

function randomReply(r: () => number, depth: number): Reply {
  const pick = Math.floor(r() * (depth > 3 ? 9 : 14));
  switch (pick) {
    case 0: return { type: 'simple', value: LINE_SAFE(randomBytes(r, 12)) };
    case 1: return { type: 'error', value: LINE_SAFE(randomBytes(r, 12)) };
    case 2: return { type: 'error', value: randomBytes(r, 12), blob: true };
    case 3: return { type: 'integer', value: BigInt(Math.floor((r() - 0.5) * 2 ** 40)) };
    case 4: return { type: 'bulk', value: randomBytes(r, 40) };
    case 5: return { type: 'null' };
    case 6: return { type: 'double', value: ['3.14', '-0', 'inf', '-inf', 'nan', '1e10', '.5'][Math.floor(r() * 7)]! };
    case 7: return { type: 'boolean', value: r() < 0.5 };
    case 8: return { type: 'verbatim', format: 'txt', value: randomBytes(r, 20) };
    case 9: return { type: 'bignum', value: `${r() < 0.3 ? '-' : ''}${Math.floor(r() * 1e15)}${Math.floor(r() * 1e9)}` };
    default: {
      const n = Math.floor(r() * (r() < 0.2 ? 1 : 5));
      const items = Array.from({ length: n }, () => randomReply(r, depth + 1));
      const kind = ['array', 'set', 'push', 'map', 'array'][pick - 9]!;
      const reply: Reply = kind === 'map'
        ? { type: 'map', entries: items.map((k) => [k, randomReply(r, depth + 1)] as [Reply, Reply]) }
        : { type: kind as 'array', items };
      if (r() < 0.15) reply.attributes = [[{ type: 'simple', value: Buffer.from('ttl') }, { type: 'integer', value: 3n }]];
      return reply;
    }
  }
}

/** The wire bytes of a reply (attributes first, as a server sends them). */
function encode(r: Reply): Buffer {
  const parts: Buffer[] = [];
  const line = (s: string) => parts.push(Buffer.from(`${s}\r\n`, 'latin1'));
  const blob = (t: string, v: Buffer) => { line(`${t}${v.length}`); parts.push(v, Buffer.from('\r\n')); };
  if (r.attributes) {
    line(`|${r.attributes.length}`);
    for (const [k, v] of r.attributes) parts.push(encode(k), encode(v));
  }
  switch (r.type) {
    case 'simple': line(`+${r.value.toString('latin1')}`); break;
    case 'error': if (r.blob) blob('!', r.value); else line(`-${r.value.toString('latin1')}`); break;
    case 'integer': line(`:${r.value}`); break;
    case 'bulk': blob('$', r.value); break;
    case 'null': line('_'); break;
    case 'double': line(`,${r.value}`); break;
    case 'boolean': line(`#${r.value ? 't' : 'f'}`); break;
    case 'bignum': line(`(${r.value}`); break;
    case 'verbatim': blob('=', Buffer.concat([Buffer.from(`${r.format}:`), r.value])); break;
    case 'map': line(`%${r.entries.length}`); for (const [k, v] of r.entries) parts.push(encode(k), encode(v)); break;
    default: line(`${{ array: '*', set: '~', push: '>' }[r.type]}${r.items.length}`); for (const i of r.items) parts.push(encode(i));
  }
  return Buffer.concat(parts);
}

/** Scans `chunks`, printing each reply in `mode` (or capturing it); returns what was printed and captured. */
function scan(chunks: Buffer[], mode: OutputMode, how: ScanMode = EVENTS): { printed: string; captured: Buffer[] } {
  let printed = '';
  const sink = new ByteSink((b) => { printed += b.toString('latin1'); }, 64);
  const writer = createWriter(mode, OPTIONS, sink);
  const captured: Buffer[] = [];
  const target: ScanTarget = {
    replyStart: () => { if (how === EVENTS) writer.begin(); return how; },
    replyEnd: (raw) => { if (how === EVENTS) writer.end(); if (raw) captured.push(Buffer.from(raw)); },
  };
  const scanner = new RespScanner(target);
  scanner.events = writer;
  for (const c of chunks) scanner.write(c);
  sink.flush();
  return { printed, captured };
}

function decodeAll(bytes: Buffer): Reply[] {
  const out: Reply[] = [];
  new ReplyDecoder((r) => out.push(r)).write(bytes);
  return out;
}

function randomSplits(bytes: Buffer, r: () => number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = 1 + Math.floor(r() * 17);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

describe('scanner vs decoder: the same output bytes in every mode', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random replies, seed %i', (seed) => {
    const r = rng(seed);
    const replies = Array.from({ length: 12 }, () => randomReply(r, 0));
    const wire = Buffer.concat(replies.map(encode));
    const decoded = decodeAll(wire);
    for (const mode of MODES) {
      const expected = decoded.map((d) => formatReply(d, mode, OPTIONS)).join('');
      expect(scan([wire], mode).printed, `${mode} whole`).toBe(expected);
      expect(scan([...wire].map((x) => Buffer.from([x])), mode).printed, `${mode} byte by byte`).toBe(expected);
      expect(scan(randomSplits(wire, r), mode).printed, `${mode} random splits`).toBe(expected);
    }
  });

  it('every DEBUG PROTOCOL type (redis 7), RESP2 and RESP3 forms', () => {
    const wire = [
      '$7\r\nHello W\r\n', ':12345\r\n', '_\r\n', '$-1\r\n', '%3\r\n:0\r\n#f\r\n:1\r\n#t\r\n:2\r\n#f\r\n', '*3\r\n:0\r\n:0\r\n:0\r\n',
      '~3\r\n:0\r\n:1\r\n:2\r\n', '>3\r\n$4\r\ntest\r\n:1\r\n:2\r\n', '|1\r\n+key-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n$8\r\nSome doc\r\n',
      '#t\r\n', '#f\r\n', ',3.141\r\n', '(12345678901234567890\r\n', '=15\r\ntxt:This is a v\r\n', '*-1\r\n', '*0\r\n', '%0\r\n',
      // Map values whose layout depends on a chain of one-element aggregates (cliIsMultilineValueTTY).
      '*2\r\n%1\r\n*2\r\n:1\r\n:2\r\n%2\r\n+a\r\n*1\r\n*1\r\n:1\r\n+b\r\n*0\r\n%1\r\n%1\r\n+k\r\n*2\r\n:1\r\n:2\r\n*1\r\n*1\r\n*2\r\n+x\r\n+y\r\n',
    ].join('');
    const decoded = decodeAll(Buffer.from(wire, 'latin1'));
    for (const mode of MODES) {
      const expected = decoded.map((d) => formatReply(d, mode, OPTIONS)).join('');
      expect(scan([Buffer.from(wire, 'latin1')], mode).printed, mode).toBe(expected);
      expect(scan([...Buffer.from(wire, 'latin1')].map((x) => Buffer.from([x])), mode).printed, mode).toBe(expected);
    }
  });

  it('captures each reply as its exact wire bytes (attributes included), and skipping reads past it', () => {
    const r = rng(99);
    const replies = Array.from({ length: 30 }, () => randomReply(r, 0)).map(encode);
    const wire = Buffer.concat(replies);
    for (const chunks of [[wire], randomSplits(wire, r), [...wire].map((x) => Buffer.from([x]))]) {
      expect(scan(chunks, 'raw', CAPTURE).captured).toEqual(replies);
      expect(scan(chunks, 'raw', SKIP)).toEqual({ printed: '', captured: [] });
    }
  });
});

describe('malformed input', () => {
  it.each([
    ['HTTP/1.1 400 Bad Request\r\n', 'Protocol error, got "H" as reply type byte'],
    ['*2\r\n:1\r\nX', 'Protocol error, got "X" as reply type byte'],
    [':05\r\n', 'Bad integer value'],
    ['$abc\r\n', 'Bad bulk string length'],
    ['$536870913\r\n', 'Bulk string length out of range'],
    ['*1.5\r\n', 'Bad multi-bulk length'],
    [',1e999\r\n', 'Bad double value'],
    ['#x\r\n', 'Bad bool value'],
    ['_x\r\n', 'Bad nil value'],
    ['(12a\r\n', 'Bad bignum value'],
    ['+a\rb\r\n', 'Bad simple string value'],
    ['=3\r\ntxt\r\n', 'Verbatim string 4 bytes of content type are missing or incorrectly encoded.'],
    ['=5\r\ntxt-x\r\n', 'Verbatim string 4 bytes of content type are missing or incorrectly encoded.'],
  ])('%j fails like the decoder: %s (whole and byte by byte), and stays failed', (input, message) => {
    for (const chunks of [[Buffer.from(input, 'latin1')], [...Buffer.from(input, 'latin1')].map((x) => Buffer.from([x]))]) {
      const scanner = new RespScanner({ replyStart: () => EVENTS, replyEnd: () => undefined });
      scanner.events = createWriter('raw', OPTIONS, new ByteSink(() => undefined));
      expect(() => { for (const c of chunks) scanner.write(c); }).toThrow(new ProtocolError(message));
      expect(() => scanner.write(Buffer.from('+OK\r\n'))).toThrow(message);
    }
  });
});

