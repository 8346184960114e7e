// The `:nodes` table, which member the session uses, eredis's own words in help, TAB and hints, and the docs the shell
// switches to when the server's arrive (no server, no API).
import { describe, expect, it } from 'vitest';
import { CommandCatalog } from '../../src/commands/catalog.js';
import { helpOutput } from '../../src/commands/help-text.js';
import { LiveCatalog } from '../../src/commands/load-catalog.js';
import type { Reply } from '../../src/resp/types.js';
import type { NodeListing } from '../../src/elasticache/lookup.js';
import { roleOf } from '../../src/repl/group-commands.js';
import { KeyCompletion } from '../../src/repl/key-completion.js';
import { ShellAssist } from '../../src/repl/shell-assist.js';
import { membersInUse, renderMemberTable } from '../../src/ui/member-table.js';

const cmd: NodeListing = {
  kind: 'replication-group', name: 'ssltest', region: 'us-east-1', cluster: false,
  nodes: [
    { id: 'ssltest-001', role: 'primary', shard: '0001', az: 'us-east-1a', host: '10.0.0.1', port: 6379 },
    { id: 'ssltest-002', role: 'replica', shard: '0001', az: 'us-east-1b', host: '10.0.0.2', port: 6379 },
    { id: 'ssltest-003', role: 'replica', shard: '0001', az: 'us-east-1c', host: '10.0.0.3', port: 6379 },
  ],
};
const cme: NodeListing = {
  kind: 'replication-group', name: 'big', region: 'eu-west-1', cluster: true,
  nodes: [
    { id: 'big-0001-001', shard: '0001', slots: '0-8191', az: 'eu-west-1a', host: 'big-0001-001.x', port: 6379 },
    { id: 'big-0002-001', shard: '0002', slots: '8192-16383', az: 'eu-west-1b', host: 'big-0002-001.x', port: 6379 },
  ],
};

describe(':nodes table', () => {
  it('lists every member with role, AZ and endpoint, and marks the one in use', () => {
    expect(renderMemberTable(cmd, { host: 'master.ssltest.example', port: 6379, via: 'primary' }, { color: false })).toBe([
      'ssltest: replication group in us-east-1, cluster mode disabled, 3 members',
      '┌─────────────┬─────────┬────────────┬───────────────┬────────┐',
      '│ MEMBER      │ ROLE    │ AZ         │ ENDPOINT      │ IN USE │',
      '├─────────────┼─────────┼────────────┼───────────────┼────────┤',
      '│ ssltest-001 │ primary │ us-east-1a │ 10.0.0.1:6379 │ yes    │',
      '├─────────────┼─────────┼────────────┼───────────────┼────────┤',
      '│ ssltest-002 │ replica │ us-east-1b │ 10.0.0.2:6379 │        │',
      '├─────────────┼─────────┼────────────┼───────────────┼────────┤',
      '│ ssltest-003 │ replica │ us-east-1c │ 10.0.0.3:6379 │        │',
      '└─────────────┴─────────┴────────────┴───────────────┴────────┘',
      'this session: master.ssltest.example:6379 (the primary endpoint, member ssltest-001)',
    ].join('\n'));
  });

  it('knows the member by :connect/--node id or by endpoint; the reader endpoint names none', () => {
    expect([...membersInUse(cmd, { host: '10.0.0.2', port: 6379, via: { node: '002' } })]).toEqual(['ssltest-002']);
    expect([...membersInUse(cmd, { host: '10.0.0.3', port: 6379, via: 'replica' })]).toEqual(['ssltest-003']);
    expect([...membersInUse(cmd, { host: 'replica.ssltest.example', port: 6379, via: 'replica' })]).toEqual([]);
    const reader = renderMemberTable(cmd, { host: 'replica.ssltest.example', port: 6379, via: 'replica' }, { color: false });
    expect(reader.split('\n').pop()).toBe('this session: replica.ssltest.example:6379 (the reader endpoint)');
  });

  it('shows the slots of each shard in cluster mode', () => {
    const table = renderMemberTable(cme, { host: 'clustercfg.big.x', port: 6379, via: 'primary' }, { color: false });
    expect(table).toContain('│ MEMBER       │ ROLE │ AZ         │ ENDPOINT            │ SLOTS      │ IN USE │');
    expect(table).toContain('│ big-0002-001 │ -    │ eu-west-1b │ big-0002-001.x:6379 │ 8192-16383 │        │');
    expect(table).toMatch(/this session: clustercfg\.big\.x:6379 \(the configuration endpoint, and the nodes it redirects to\)$/);
  });

  it(':connect reads primary, reader (or replica) and member ids', () => {
    expect(roleOf('primary')).toBe('primary');
    expect(roleOf('READER')).toBe('replica');
    expect(roleOf('replica')).toBe('replica');
    expect(roleOf('ssltest-002')).toEqual({ node: 'ssltest-002' });
  });
});

describe("eredis's own words", () => {
  const catalog = CommandCatalog.bundled();
  it('help :connect / :nodes / :set / @eredis in redis-cli\'s help style; unknown ones print a blank line', () => {
    expect(helpOutput([':connect'], catalog, '1.0.0')).toBe(
      '\r\n  \x1b[1m:connect\x1b[0m \x1b[90mprimary|reader|member-id\x1b[0m\r\n'
      + "  \x1b[33msummary:\x1b[0m Reconnects to the -g group's primary, its reader endpoint or one member, with the same "
      + 'credentials, TLS settings and tunnels\r\n  \x1b[33mgroup:\x1b[0m eredis\r\n\r\n');
    expect(helpOutput([':SET'], catalog, '1.0.0')).toContain('\x1b[1m:set\x1b[0m \x1b[90mhints|nohints|pager on|off\x1b[0m');
    expect(helpOutput([':nodes'], catalog, '1.0.0')).toContain('\x1b[1m:nodes\x1b[0m \x1b[90m\x1b[0m');
    expect(helpOutput(['@eredis'], catalog, '1.0.0').match(/\x1b\[1m:/g)).toHaveLength(3);
    expect(helpOutput([':nope'], catalog, '1.0.0')).toBe('\r\n');
    expect(helpOutput([], catalog, '1.0.0')).toContain('":connect primary|reader|<member-id>" reconnect to one of them');
  });

  it('TAB completes our words, their keywords and member ids; hints show their synopsis', async () => {
    let ids: string[] = [];
    const assist = new ShellAssist({
      catalog: () => catalog, keys: new KeyCompletion(() => catalog),
      members: { known: () => ids, lookup: () => (ids.length ? undefined : Promise.resolve((ids = ['ssltest-001', 'ssltest-002']))) },
    });
    expect(assist.complete(':')).toEqual([':connect', ':nodes', ':set']);
    expect(assist.complete('help :n')).toEqual(['help :nodes']);
    expect(assist.complete(':set n')).toEqual([':set nohints']);
    expect(assist.complete(':connect ')).toEqual([':connect primary', ':connect reader']);
    expect(await assist.later(':connect ss')).toEqual([':connect ssltest-001', ':connect ssltest-002']);
    expect(assist.later(':connect ss')).toBeUndefined();
    expect(assist.hint(':connect ')).toBe('primary|reader|member-id');
    expect(assist.hint(':connect x ')).toBe('');
    expect(assist.hint('get ')).toBe('key');
    // Command completion is unchanged where no key goes.
    expect(assist.complete('client kil')).toEqual(['CLIENT KILL']);
  });
});

describe('LiveCatalog', () => {
  const bulk = (s: string): Reply => ({ type: 'bulk', value: Buffer.from(s) });
  it('serves the bundled docs until the server\'s arrive, then switches once (and says so)', async () => {
    let answer: () => void = () => undefined;
    const arrived = new Promise<void>((r) => { answer = r; });
    const send = async (argv: string[]): Promise<Reply> => {
      await arrived;
      if (argv[0] === 'INFO') return bulk('# Server\r\nredis_version:7.4.0\r\n');
      if (argv[1] === 'DOCS') return { type: 'array', items: [bulk('frob'), { type: 'array', items: [bulk('summary'), bulk('Frobs')] }] };
      return { type: 'array', items: [] };
    };
    const switched: string[] = [];
    const live = new LiveCatalog(send, (c) => switched.push(c.source));
    expect(live.current.source).toBe('bundled');
    expect(live.current.get('frob')).toBeUndefined();
    answer();
    const server = await live.loaded;
    expect(switched).toEqual(['server']);
    expect(live.current).toBe(server);
    expect(live.current.get('frob')?.summary).toBe('Frobs');
    expect(live.current.serverVersion).toBe('7.4.0');
  });

  it('keeps the bundled docs when the server\'s cannot be had', async () => {
    const live = new LiveCatalog(() => Promise.reject(new Error('lost')));
    expect((await live.loaded).source).toBe('bundled');
    expect(live.current.source).toBe('bundled');
  });
});
