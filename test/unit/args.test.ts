// Flag parsing follows redis-cli: options until the first word, last output flag wins, its error words.
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { parseRedisUri, UriError } from '../../src/cli/redis-uri.js';
import { renderHelp } from '../../src/cli/help.js';
import { FLAGS } from '../../src/cli/flags.js';

describe('parseArgs', () => {
  it('stops at the first non-option word; the rest is the command', () => {
    const o = parseArgs(['-p', '7000', 'set', 'k', '-1', '--raw']);
    expect(o.port).toBe(7000);
    expect(o.command).toEqual(['set', 'k', '-1', '--raw']);
    expect(o.output).toBeUndefined();
  });

  it('lets the last output flag win', () => {
    expect(parseArgs(['--csv', '--raw']).output).toBe('raw');
    expect(parseArgs(['--raw', '--no-raw']).output).toBe('tty');
    expect(parseArgs(['--json', '--quoted-json']).output).toBe('quoted-json');
  });

  it('treats -h as the last argument as --help', () => {
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['-h', 'example.com']).host).toBe('example.com');
  });

  it.each([
    [['--bogus'], "Unrecognized option or bad number of args for: '--bogus'"],
    [['-p'], "Unrecognized option or bad number of args for: '-p'"],
    [['-X'], "Unrecognized option or bad number of args for: '-X'"],
    [['-p', '70000'], 'Invalid server port.'],
    [['-2', '-3'], 'Options -2 and -3 are mutually exclusive.'],
    [['-x', '-X', 'tag'], 'Options -x and -X are mutually exclusive.'],
    [['-c', '-s', '/tmp/s'], 'Options -c and -s are mutually exclusive.'],
    [['-t', 'abc'], 'Invalid connection timeout for -t.'],
  ])('rejects %j with redis-cli words', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new UsageError(message));
  });

  it('warns about an unknown --show-pushes value and goes on without it, as redis-cli does', () => {
    const o = parseArgs(['--show-pushes', 'maybe', '--show-pushes', 'Yes']);
    expect(o.warnings).toEqual(["Unknown --show-pushes value 'maybe' (valid: '[y]es', '[n]o')"]);
    expect(o.showPushes).toBe(true);
  });

  it('applies -u and later flags in order', () => {
    const o = parseArgs(['-u', 'rediss://bob:s%40cret@cache.example.com:6380/3', '-n', '5']);
    expect(o).toMatchObject({ tls: true, user: 'bob', password: 's@cret', host: 'cache.example.com', port: 6380, db: 5 });
    expect(parseArgs(['-p', '1', '-u', 'redis://h:2']).port).toBe(2);
  });

  it('reads numbers like atoi/atof', () => {
    const o = parseArgs(['-r', '-1', '-i', '0.25', '-n', '3x']);
    expect(o.repeat).toBe(-1);
    expect(o.intervalMs).toBe(250);
    expect(o.db).toBe(3);
  });
});

describe('parseRedisUri', () => {
  it.each([
    ['redis://', { tls: false }],
    ['REDISS://h', { tls: true, host: 'h' }],
    ['redis://pw@h:7/2', { tls: false, password: 'pw', host: 'h', port: 7, db: 2 }],
    ['redis://:pw@h', { tls: false, user: '', password: 'pw', host: 'h' }],
    ['redis://[::1]:6380', { tls: false, host: '::1', port: 6380 }],
    ['redis:///4', { tls: false, db: 4 }],
    // valkey-cli's schemes, same meaning as their redis counterparts.
    ['valkeys://default:TOKEN@cache.example.com:6379', { tls: true, user: 'default', password: 'TOKEN', host: 'cache.example.com', port: 6379 }],
    ['VALKEY://h:7/1', { tls: false, host: 'h', port: 7, db: 1 }],
  ])('%s', (uri, expected) => {
    expect(parseRedisUri(uri)).toEqual(expected);
  });

  it.each([
    ['http://h', 'Invalid URI scheme'],
    ['valkeyss://h', 'Invalid URI scheme'],
    ['redis://a%4@h', 'Incomplete URI encoding'],
    ['redis://a%zz@h', 'Illegal character in URI encoding'],
  ])('%s fails: %s', (uri, message) => {
    expect(() => parseRedisUri(uri)).toThrow(new UriError(message));
  });
});

describe('help', () => {
  it('lists every visible flag from the one table', () => {
    const text = renderHelp();
    for (const flag of FLAGS.filter((f) => !f.hidden)) for (const name of flag.names) expect(text).toContain(name);
  });

  it('leaves the --cluster-* options to `--cluster help`, as redis-cli does', () => {
    const hidden = FLAGS.filter((f) => f.hidden).flatMap((f) => f.names);
    expect(hidden.length).toBeGreaterThan(20);
    expect(hidden.every((n) => n.startsWith('--cluster-'))).toBe(true);
    for (const name of hidden) expect(renderHelp()).not.toContain(`${name} `);
  });
});
