// ByteSink: a reply cut off half-way is taken back while none of it was drained; once part of it was, its line is ended.
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../src/format/byte-sink.js';

function sink(size = 16): { s: ByteSink; drained: () => string } {
  let out = '';
  const s = new ByteSink((b) => { out += b.toString('latin1'); }, size);
  return { s, drained: () => { s.flush(); return out; } };
}

describe('ByteSink.dropSinceMark', () => {
  it('takes back everything written since mark() while it is still buffered', () => {
    const { s, drained } = sink();
    s.latin1('OK\n');
    s.mark();
    s.latin1('1) "fi');
    expect(s.dropSinceMark()).toBe(true);
    s.latin1('PONG\n');
    expect(drained()).toBe('OK\nPONG\n');
  });

  it('also ends a hold the cut-off reply had open', () => {
    const { s, drained } = sink();
    s.mark();
    s.hold();
    s.latin1('partial');
    s.dropSinceMark();
    s.latin1('next\n');
    expect(drained()).toBe('next\n');
  });

  it('once part of the reply was drained, keeps it and ends its line', () => {
    const { s, drained } = sink();
    s.mark();
    s.latin1('0123456789abcdef'); // fills the buffer
    s.latin1('gh');
    expect(s.dropSinceMark()).toBe(false);
    expect(drained()).toBe('0123456789abcdefgh\n');
  });

  it('adds no newline when the drained part already ended a line', () => {
    const { s, drained } = sink(4);
    s.mark();
    s.latin1('abc\n');
    s.latin1('de\n');
    s.flush();
    expect(s.dropSinceMark()).toBe(false);
    expect(drained()).toBe('abc\nde\n');
  });
});
