// What eredis knows of a command word before sending it: state, barriers, streams, raw output, and which replies may
// take as long as they like (a silent node watchdog leaves those alone).
import { describe, expect, it } from 'vitest';
import { BLOCKING, CommandFlags, ENDS_SESSION, PRINTS_RAW, SINGLE_KEY, STREAM, TRACKS_STATE } from '../../src/commands/command-flags.js';

const flags = new CommandFlags(['get', 'set']);
const of = (line: string) => flags.of(line.split(' ').map((w) => Buffer.from(w)));

describe('CommandFlags', () => {
  it('blocking commands, in any case; XREAD and XREADGROUP only with BLOCK', () => {
    for (const line of ['BLPOP k 0', 'brpop k 1', 'BLMOVE a b LEFT RIGHT 0', 'bzpopmin z 0', 'WAIT 1 0', 'waitaof 1 1 0',
      'XREAD BLOCK 0 STREAMS s $', 'xreadgroup group g c block 100 streams s >', 'debug sleep 1']) {
      expect(of(line) & BLOCKING, line).toBe(BLOCKING);
    }
    for (const line of ['XREAD COUNT 1 STREAMS s 0', 'xreadgroup group g c streams s >', 'GET k', 'LPOP k', 'EVAL x 0']) {
      expect(of(line) & BLOCKING, line).toBe(0);
    }
  });

  it('the other flags are unchanged by it', () => {
    expect(of('select 1')).toBe(TRACKS_STATE);
    expect(of('SUBSCRIBE c')).toBe(STREAM);
    expect(of('shutdown')).toBe(ENDS_SESSION);
    expect(of('get k')).toBe(SINGLE_KEY);
    expect(of('info')).toBe(PRINTS_RAW);
    expect(of('debug sleep 0') & ENDS_SESSION).toBe(ENDS_SESSION);
  });
});
