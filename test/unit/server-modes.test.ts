// The pure parts of the diagnostic modes: C number formatting, --stat's INFO reading, redis-cli's dict order, options.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { bytesToHuman } from '../../src/modes/server/c-format.js';
import { cFixed } from '../../src/util/c-printf.js';
import { clusterHelp, clusterHostArgs, validateClusterCommand } from '../../src/modes/server/cluster-manager.js';
import { slotsString } from '../../src/modes/server/cluster-report.js';
import { intrinsicReport } from '../../src/modes/server/intrinsic-latency.js';
import { bucketOf, distLine } from '../../src/modes/server/latency-dist.js';
import { latencyText } from '../../src/modes/server/latency-mode.js';
import { lruLine, powerLawRand } from '../../src/modes/server/lru-test.js';
import { dictIterationOrder, siphash } from '../../src/modes/redis-dict.js';
import { infoField, longInfoField, STAT_HEADER, statRow } from '../../src/modes/server/stat-row.js';
import { MarkWatcher } from '../../src/modes/server/sync-handshake.js';
import { ldbColor, ldbReplyBytes, type LdbPrintState } from '../../src/repl/ldb-format.js';
import { selectServerMode } from '../../src/settings/settings.js';

describe('C number formatting', () => {
  it('rounds exact ties to even like glibc, not up like toFixed', () => {
    expect([cFixed(0.125, 2), cFixed(2.5, 0), cFixed(6.125, 2), cFixed(0.375, 2), cFixed(1.005, 2)]).toEqual(['0.12', '2', '6.12', '0.38', '1.00']);
    expect([cFixed(3.5, 0), cFixed(-0.125, 2), cFixed(1e21, 1), cFixed(0, 4)]).toEqual(['4', '-0.12', '1000000000000000000000.0', '0.0000']);
    expect([cFixed(NaN, 2), cFixed(Infinity, 0), cFixed(5.5, 2, 5, true), cFixed(NaN, 2, 5, true)]).toEqual(['-nan', 'inf', '05.50', ' -nan']);
  });

  it('bytesToHuman as redis-cli 7.0 (no T: the previous buffer shows through)', () => {
    expect([bytesToHuman(1023), bytesToHuman(1024), bytesToHuman(1572864), bytesToHuman(3 * 2 ** 30), bytesToHuman(-2048)])
      .toEqual(['1023B', '1.00K', '1.50M', '3.00G', '-2.00K']);
    expect(bytesToHuman(2 ** 41, '12')).toBe('12');
  });
});

describe('--stat', () => {
  const info = (fields: string) => `# Server\r\nredis_version:7.0.15\r\n${fields}`;

  it('reads fields with strstr: the first occurrence anywhere, up to \\r or a comma', () => {
    const text = info('rdb_bgsave_in_progress:1\r\ndb0:keys=12,expires=0\r\n');
    expect(infoField(text, 'bgsave_in_progress')).toBe('1');
    expect(infoField(text, 'db0:keys')).toBe('12');
    expect(longInfoField(text, 'missing')).toBe(-(2n ** 63n));
  });

  it('prints the header and rows with redis-cli widths, (+0) first, the child column', () => {
    expect(STAT_HEADER.split('\n')[1]).toBe('keys       mem      clients blocked requests            connections          ');
    const state = { requests: 0n };
    const text = (requests: number, child: string) => info(`used_memory:1593344\r\nconnected_clients:1\r\nblocked_clients:0\r\n`
      + `total_commands_processed:${requests}\r\ntotal_connections_received:84\r\n${child}db0:keys=10,expires=0\r\ndb9:keys=2,expires=0\r\n`);
    expect(statRow(text(207, ''), state)).toBe('12         1.52M    1       0       207 (+0)            84          \n');
    expect(statRow(text(209, 'rdb_bgsave_in_progress:1\r\naof_rewrite_in_progress:1\r\nloading:0\r\n'), state))
      .toBe('12         1.52M    1       0       209 (+2)            84          SAVE+AOF\n');
  });
});

describe('latency modes', () => {
  const s = { min: 0, max: 5, avg: 0.545, count: 93 };
  it('prints one report per output mode (quoted JSON prints nothing, as 7.0)', () => {
    expect(['tty', 'raw', 'csv', 'json', 'quoted-json'].map((m) => latencyText(s, m as never))).toEqual([
      'min: 0, max: 5, avg: 0.55 (93 samples)', '0 5 0.55 93\n', '0,5,0.55,93\n', '{"min": 0, "max": 5, "avg": 0.55, "count": 93}\n', '',
    ]);
  });

  it('--latency-dist buckets and colours', () => {
    expect([bucketOf(10), bucketOf(11), bucketOf(999), bucketOf(61_000_000)]).toEqual([0, 1, 4, 30]);
    const counts = new Array(31).fill(0);
    counts[0] = 2;
    counts[4] = 2;
    const line = distLine(counts, 4, [0, 1, 2]);
    expect(line.startsWith('\x1b[38;5;0m\x1b[48;5;1m.\x1b[48;5;0m-')).toBe(true);
    expect(line.endsWith('\x1b[48;5;0m?\x1b[0m\n')).toBe(true);
    expect(counts.every((c) => c === 0)).toBe(true);
  });

  it('--intrinsic-latency report and --lru-test lines', () => {
    expect(intrinsicReport(17890646, 1000000, 259)).toBe('\n17890646 total runs (avg latency: 0.0559 microseconds / 55.90 '
      + 'nanoseconds per run).\nWorst run took 4634x longer than the average latency.\n');
    expect(lruLine(257000 - 612, 612)).toBe('257000 Gets/sec | Hits: 256388 (99.76%) | Misses: 612 (0.24%)\n');
    expect(lruLine(0, 0)).toBe('0 Gets/sec | Hits: 0 (-nan%) | Misses: 0 (-nan%)\n');
    // r = rand()/RAND_MAX: 0 gives the last key; 1 (rand() == RAND_MAX) gives key 0 in redis-cli too.
    expect([powerLawRand(1, 1000, 6.2, 0), powerLawRand(1, 1000, 6.2, 1)]).toEqual([1000, 0]);
  });
});

describe('replication payloads', () => {
  it('finds the 40-byte EOF mark across chunks and says where the payload ends', () => {
    const mark = Buffer.from('x'.repeat(40));
    const w = new MarkWatcher(mark);
    expect(w.feed(Buffer.from('REDIS0010....xxxxxxxxxx'))).toBeUndefined();
    expect(w.feed(Buffer.from(`${'x'.repeat(30)}*3\r\n`))).toBe(30);
  });
});

describe('--cluster', () => {
  it('orders open slots as redis-cli\'s dict iterates them (SipHash-1-2, zero seed, incremental rehash)', () => {
    expect(siphash(Buffer.from('100')).toString(16)).toMatch(/^[0-9a-f]+$/);
    expect(dictIterationOrder(['100', '101', '100'])).toEqual(['101', '100']);
    expect(dictIterationOrder(['5', '6', '7', '8', '9', '10', '11', '5']).join(',')).toBe('11,7,5,10,8,6,9');
    const thirty = Array.from({ length: 30 }, (_, i) => String(i + 1));
    expect(dictIterationOrder([...thirty, '1']).join(',')).toBe(
      '10,24,4,6,29,14,19,5,26,23,8,3,25,30,18,12,1,21,11,20,7,15,16,28,27,22,17,9,2,13');
  });

  it('validates like validateClusterManagerCommand and reads host arguments like getClusterHostFromCmdArgs', () => {
    expect(validateClusterCommand('bogus', 1)).toBe('Unknown --cluster subcommand');
    expect(validateClusterCommand('add-node', 1)).toBe('[ERR] Wrong number of arguments for specified --cluster sub command');
    expect(validateClusterCommand('check', 1)).toBeUndefined();
    expect([clusterHostArgs(['h:7000@17000']), clusterHostArgs(['h', '7000']), clusterHostArgs(['foo']), clusterHostArgs(['h:0'])])
      .toEqual([{ ip: 'h', port: 7000 }, { ip: 'h', port: 7000 }, undefined, undefined]);
  });

  it('slot ranges and the help table', () => {
    const slots = new Uint8Array(16384);
    [0, 1, 2, 7, 9, 10].forEach((i) => { slots[i] = 1; });
    expect(slotsString(slots)).toBe('[0-2],[7],[9-10]');
    expect(clusterHelp()).toContain('  help           \n\nFor check, fix, reshard, del-node');
    expect(clusterHelp()).toContain('  rebalance      <host:port> or <host> <port> - separated by either colon or space\n'
      + '                 --cluster-weight <node1=w1...nodeN=wN>\n');
  });
});

describe('--ldb replies', () => {
  const state = (): LdbPrintState => ({ debugging: true, ended: false, mode: 'raw', colors: true, bulkDelimiter: '\n', replyDelimiter: '\n' });
  const status = (t: string) => ({ type: 'simple' as const, value: Buffer.from(t) });

  it('colours each debugger line by its tag, as sdsCatColorizedLdbReply', () => {
    expect(['* Stopped at 1', '-> 1   local a', '<redis> set', '<reply> "+OK"', '<error> x', '<value> a', '  #2  x', '<hint> h']
      .map(ldbColor)).toEqual(['\x1b[0;37;49m', '\x1b[0;33;49m', '\x1b[0;32;49m', '\x1b[0;36;49m', '\x1b[0;31;49m', '\x1b[0;35;49m',
      '\x1b[1;37;49m', '\x1b[1;37;49m']);
  });

  it('<endsession> prints as an empty line and switches to the TTY format', () => {
    const s = state();
    expect(ldbReplyBytes({ type: 'array', items: [status('<value> 1'), status('<endsession>')] }, s)).toBe('\x1b[0;35;49m<value> 1\x1b[0m\n\n');
    expect([s.debugging, s.ended, s.mode]).toEqual([false, true, 'tty']);
    expect(ldbReplyBytes({ type: 'bulk', value: Buffer.from('myval') }, s)).toBe('"myval"\n');
  });
});

describe('mode options', () => {
  it('choose the mode in redis-cli\'s order', () => {
    const mode = (...argv: string[]) => selectServerMode(parseArgs(argv))?.kind;
    expect([mode('--stat', '--latency'), mode('--rdb', 'f', '--replica'), mode('--pipe', '--stat'), mode('--stat', '--cluster', 'info', 'h:1')])
      .toEqual(['latency', 'replica', undefined, 'cluster']);
    expect(selectServerMode(parseArgs(['--latency-dist', '--mono']))).toEqual({ kind: 'latency-dist', mono: true });
    expect(selectServerMode(parseArgs(['--functions-rdb', '-']))).toEqual({ kind: 'rdb', file: '-', functionsOnly: true });
    expect(parseArgs(['--lru-test', '1e3', '--intrinsic-latency', '2.9'])).toMatchObject({ lruTest: 1, intrinsicLatency: 2 });
  });

  it('--cluster takes its arguments up to the next option; later words fill them only when empty', () => {
    const o = parseArgs(['--cluster', 'check', '-a', 'pw', '--no-auth-warning', 'h:1', 'x', '-n', '2', 'ignored']);
    expect([o.clusterManager?.command, o.clusterManager?.args, o.db, o.command]).toEqual(['check', ['h:1', 'x'], 2, []]);
    const w = parseArgs(['--cluster-weight', 'a=1', 'b=2', '--cluster', 'rebalance', 'h:1', '--cluster-yes']);
    expect([...w.clusterManager!.options]).toEqual([['weight', 'a=1 b=2'], ['yes', true]]);
  });

  it.each([
    [['--ldb'], 'Options --ldb and --ldb-sync-mode require --eval.\nTry eredis --help for more information.'],
    [['--rdb', 'a', '--functions-rdb', 'b'], 'Option --functions-rdb and --rdb are mutually exclusive.'],
    [['--cluster-weight', 'a=1', '--cluster-weight', 'b=1'], 'WARNING: you cannot use --cluster-weight more than once.\n'
      + 'You can set more weights by adding them as a space-separated list, ie:\n--cluster-weight n1=w n2=w'],
  ])('rejects %j with redis-cli words', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });

  it('--cluster as the last word, or twice, is usage(1): the whole help', () => {
    for (const argv of [['--cluster'], ['--cluster', 'info', 'h:1', '--cluster', 'check']]) {
      expect(() => parseArgs(argv)).toThrow(/^eredis .*\n\nUsage: eredis \[OPTIONS\]/);
    }
  });

  it('--ldb forces raw output unless a later flag says otherwise; --replica is replica mode, --reader the endpoint', () => {
    expect(parseArgs(['--ldb', '--eval', 'f']).output).toBe('raw');
    expect(parseArgs(['--ldb', '--no-raw', '--eval', 'f']).output).toBe('tty');
    expect(parseArgs(['--replica'])).toMatchObject({ replicaMode: true, reader: false });
    expect(parseArgs(['--slave'])).toMatchObject({ replicaMode: true, reader: false });
    expect(parseArgs(['--reader'])).toMatchObject({ replicaMode: false, reader: true });
  });
});
