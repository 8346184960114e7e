// Every option redis-cli 7.0's help lists (and every --cluster-* option its `--cluster help` lists) is in eredis's
// help and is accepted by eredis's parser with its meaning. redis-cli itself is the list.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { FLAG_BY_NAME } from '../../src/cli/flags.js';
import { hasRedisCli, runEredis, runRedisCli } from '../support/run.js';

/** The key-space modes another branch implements; checked here once their flags are in the table. */
const KEYSPACE = new Set(['--bigkeys', '--memkeys', '--memkeys-samples', '--hotkeys', '--scan', '--pattern', '--quoted-pattern', '--count']);

/** Options of a help text: [name, takes a value]. */
function optionsOf(help: string): Array<[string, boolean]> {
  const found = new Map<string, boolean>();
  for (const m of help.matchAll(/^ {1,2}(-{1,2}[A-Za-z0-9][\w-]*)(,? ?[<[]?)/gm)) found.set(m[1]!, m[2]!.includes('<'));
  return [...found];
}

/** A command line that exercises one option the way redis-cli accepts it. */
function argvFor(name: string, takesValue: boolean): string[] {
  const value = { '-p': '6380', '-n': '2', '-r': '3', '-i': '0.5', '--show-pushes': 'no', '-u': 'redis://h:1' }[name] ?? 'x';
  const argv = takesValue ? [name, value] : [name];
  if (name === '--ldb' || name === '--ldb-sync-mode') argv.push('--eval', 'f.lua');
  if (name === '--cluster') argv.splice(1, 1, 'check', '127.0.0.1:7000');
  if (name === '-X') argv.splice(1, 1, 'tag');
  if (name === '-h') argv.push('ping');
  return argv;
}

describe.runIf(hasRedisCli())('redis-cli 7.0 options', async () => {
  const usage = hasRedisCli() ? (await runRedisCli(['--help'])).stdout.toString() : '';
  const clusterHelp = hasRedisCli() ? (await runRedisCli(['--cluster', 'help'])).stdout.toString() : '';
  const options = optionsOf(usage);
  const mine = hasRedisCli() ? (await runEredis(['--help'])).stdout.toString() : '';

  it('redis-cli lists the options this test walks through', () => {
    expect(options.map(([n]) => n)).toEqual(expect.arrayContaining(['-h', '--tls', '--stat', '--latency-dist', '--rdb', '--functions-rdb',
      '--replica', '--ldb-sync-mode', '--cluster', '--intrinsic-latency', '--lru-test', '--pipe-timeout', '--no-auth-warning']));
    expect(options.length).toBeGreaterThan(55);
  });

  it('eredis --help lists every one of them (the key-space modes once their branch is in)', () => {
    const missing = options.map(([n]) => n).filter((n) => !new RegExp(`(^|[ ,])${n.replace(/[-]/g, '\\-')}([ ,]|$)`, 'm').test(mine));
    expect(missing.filter((n) => !(KEYSPACE.has(n) && !FLAG_BY_NAME.has(n)))).toEqual([]);
  });

  it('the parser accepts every one of them, as redis-cli does', () => {
    for (const [name, takesValue] of options) {
      if (KEYSPACE.has(name) && !FLAG_BY_NAME.has(name)) continue;
      if (name === '--help' || name === '--version') continue;
      expect(() => parseArgs(argvFor(name, takesValue)), name).not.toThrow();
    }
    expect(parseArgs(['-v']).version).toBe(true);
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('--cluster help\'s --cluster-* options parse too (and are listed there, as by redis-cli)', async () => {
    const names = [...new Set([...clusterHelp.matchAll(/--cluster-[\w-]+/g)].map((m) => m[0]))];
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const spec = FLAG_BY_NAME.get(name);
      expect(spec, name).toBeDefined();
      const argv = spec!.kind === 'string' ? [name, name === '--cluster-weight' ? 'n1=2' : '1'] : [name];
      expect(parseArgs([...argv, '--cluster', 'check', '127.0.0.1:7000']).clusterManager?.options.has(name.slice(10))).toBe(true);
    }
    expect((await runEredis(['--cluster', 'help'])).stdout.toString()).toBe(clusterHelp);
  });

  it('the flag clash is settled redis-cli\'s way: --replica is replica mode, the reader endpoint is --reader', () => {
    expect(mine).toMatch(/--replica, --slave +Simulate a replica showing commands received from the master\./);
    expect(mine).toMatch(/--reader +Connect to the group's reader endpoint/);
    expect(parseArgs(['--replica']).replicaMode).toBe(true);
  });
});
