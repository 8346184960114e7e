// Key-space flags as redis-cli reads them (7.0's atoi, 7.4's checked --top/--cursor/--keystats-samples), the mode
// redis-cli would pick when several are given, the progress line, and Ctrl-C handling.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { resolveSettings } from '../../src/settings/settings.js';
import { catchInterrupt } from '../../src/modes/keyspace/interrupt.js';
import { progressLine } from '../../src/modes/keyspace/progress.js';
import type { ShardRun } from '../../src/modes/keyspace/shard-runner.js';

const keyspace = (argv: string[], env = {}) =>
  resolveSettings(parseArgs(argv), env, { stdinIsTTY: false, stdoutIsTTY: false }, { forTarget: () => ({}) }).keyspace;

describe('key-space flags', () => {
  it('picks the mode redis-cli runs first: bigkeys, memkeys, keystats, hotkeys, scan', () => {
    expect(keyspace([])).toBeUndefined();
    expect(keyspace(['--scan', '--hotkeys'])?.mode).toBe('hotkeys');
    expect(keyspace(['--scan', '--keystats', '--hotkeys'])?.mode).toBe('keystats');
    expect(keyspace(['--keystats', '--memkeys-samples', '3'])?.mode).toBe('memkeys');
    expect(keyspace(['--hotkeys', '--memkeys', '--bigkeys'])?.mode).toBe('bigkeys');
  });

  it('reads values like redis-cli: the last pattern wins, 7.0 atoi for --memkeys-samples, COUNT only when given', () => {
    const k = keyspace(['--scan', '--pattern', 'a*', '--quoted-pattern', '"b\\x01"', '--count', '25x']);
    expect(k).toMatchObject({ pattern: { text: '"b\\x01"', quoted: true }, count: 25, top: 10n, cursor: 0n });
    expect(keyspace(['--scan'])?.count).toBeUndefined();
    expect(keyspace(['--memkeys-samples', 'abc'])?.samples).toBeUndefined();
    expect(keyspace(['--memkeys-samples', '7', '--memkeys'])?.samples).toBeUndefined();
    expect(keyspace(['--keystats-samples', '0'])?.samples).toBe(0);
    expect(keyspace(['--keystats', '--top', '3', '--cursor', '18446744073709551615'])).toMatchObject({ top: 3n, cursor: 2n ** 64n - 1n });
  });

  it('FAKETTY counts as a terminal for --keystats, as IS_TTY_OR_FAKETTY does', () => {
    expect(keyspace(['--keystats'])?.stdoutIsTTY).toBe(false);
    expect(keyspace(['--keystats'], { FAKETTY: '1' })?.stdoutIsTTY).toBe(true);
  });

  it.each([
    [['--top', '1x'], '--top conversion error.'],
    [['--top', '-2'], '--top should be followed by a positive integer.'],
    [['--cursor', '-1'], '--cursor should be followed by a positive integer.'],
    [['--keystats-samples', '5 '], '--keystats-samples conversion error.'],
    [['--keystats-samples', '-4'], '--keystats-samples value should be positive.'],
    [['--scan', '--count'], "Unrecognized option or bad number of args for: '--count'"],
    [['--memkeys-samples'], "Unrecognized option or bad number of args for: '--memkeys-samples'"],
  ])('%j: %s', (argv, words) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(words);
  });
});

describe('progressLine', () => {
  const run = (port: number, state: ShardRun['state'], scanned: number, total: number): ShardRun => ({
    shard: { address: `10.0.0.1:${port}`, host: '10.0.0.1', port, role: 'master', firstSlot: 0, entry: false },
    state, scanned, total, cursor: '0',
  });

  it('keys scanned of the DBSIZE total, shards done, and each running shard', () => {
    const runs = [run(1, 'done', 1000, 1000), run(2, 'running', 250, 1000), run(3, 'failed', 0, 1000), run(4, 'waiting', 0, 2000)];
    expect(progressLine(runs, 'primaries', 200))
      .toBe('Scanned 1,250 of 4,000 keys (31.3%), 1/4 primaries done, 1 skipped | 10.0.0.1:2 250/1,000');
    expect(progressLine(runs, 'primaries', 30)).toBe('Scanned 1,250 of 4,000 keys...');
  });
});

describe('catchInterrupt', () => {
  it('the first SIGINT stops the scan and ends a pause at once, then steps aside', async () => {
    const signals = new EventEmitter();
    const interrupt = catchInterrupt(signals);
    expect(signals.listenerCount('SIGINT')).toBe(1);
    const started = Date.now();
    const pause = interrupt.sleep(10_000);
    signals.emit('SIGINT');
    await pause;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(interrupt.stopped).toBe(true);
    expect(signals.listenerCount('SIGINT')).toBe(0);
    interrupt.dispose();
  });
});
