// The shell with -g in a real terminal (tmux): :nodes lists the stand-in group's members, :connect moves between
// them (same TLS and AUTH token) with the prompt following, TAB knows the member ids, help knows our words.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testCerts, type Certs } from '../support/certs.js';
import { cmdGroup, cmeGroup, standInEnv, startElastiCacheApi, type ElastiCacheApiStandIn } from '../support/elasticache-api.js';
import { EREDIS_BIN, tempHome, tlsArgs } from '../support/run.js';
import { startPrimaryWithReplicas, type ReplicationSetup } from '../support/topologies.js';
import { startTty, type Tty } from '../support/tty.js';

const TOKEN = 'group-shell-token-0123456789';
let certs: Certs;
let rs: ReplicationSetup;
let api: ElastiCacheApiStandIn;
let home: { dir: string; remove(): Promise<void> };
let tty: Tty | undefined;

const local = (port: number) => ({ host: '127.0.0.1', port });

beforeAll(async () => {
  certs = await testCerts();
  [rs, home] = await Promise.all([startPrimaryWithReplicas({ replicas: 2, password: TOKEN }), tempHome()]);
  const [p, r1, r2] = rs.servers.map((s) => s.port);
  api = await startElastiCacheApi({
    groups: [
      cmdGroup({
        id: 'ssltest', tls: true, authToken: true, primary: local(p!), reader: local(r1!),
        members: [
          { id: 'ssltest-001', ...local(p!), az: 'us-east-1a', role: 'primary' },
          { id: 'ssltest-002', ...local(r1!), az: 'us-east-1b', role: 'replica' },
          { id: 'ssltest-003', ...local(r2!), az: 'us-east-1c', role: 'replica' },
        ],
      }),
      // Behind a tunnel (--via): names the test certificate carries, reached only through local ports.
      cmdGroup({
        id: 'tun', tls: true, authToken: true, primary: { host: 'master.ssltest.abc123.use1.cache.amazonaws.com', port: 6379 },
        members: [
          { id: 'tun-001', host: 'tun-001.ssltest.abc123.use1.cache.amazonaws.com', port: 6379, role: 'primary' },
          { id: 'tun-002', host: 'tun-002.ssltest.abc123.use1.cache.amazonaws.com', port: 6379, role: 'replica' },
        ],
      }),
      // Cluster mode as the API describes it (the configuration endpoint is a plain server here: only :nodes is used).
      cmeGroup({ id: 'clustered', tls: true, authToken: true, configEndpoint: local(p!), shards: 2, replicas: 1 }),
    ],
  });
});
afterEach(async () => { await tty?.close(); tty = undefined; });
afterAll(async () => { await Promise.all([rs?.stop(), api?.close(), home?.remove()]); });

function env(): Record<string, string> {
  const all = { ...standInEnv(api.url, home.dir), SSL_CERT_FILE: certs.caCert, REDISCLI_AUTH: TOKEN, EREDIS_HISTFILE: '' };
  return Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

const promptOf = (port: number) => `127.0.0.1:${port}>`;
const endsWithPrompt = (port: number) => new RegExp(`\\n${promptOf(port).replace(/\./g, '\\.')}$`);

async function shell(args: string[]): Promise<Tty> {
  tty = await startTty([EREDIS_BIN, ...args], { env: env(), cols: 160, rows: 40 });
  return tty;
}

async function type(t: Tty, line: string, expect: string | RegExp): Promise<string> {
  await t.send(line);
  await t.key('Enter');
  return t.waitFor(expect);
}

describe('the shell with -g', () => {
  it(':nodes shows the three members, the one in use marked', async () => {
    const t = await shell(['-g', 'ssltest', '--refresh']);
    await t.waitFor(promptOf(rs.primary.port));
    const screen = await type(t, ':nodes', /this session: .*\n127\.0\.0\.1:\d+>$/);
    expect(screen).toContain('ssltest: replication group in us-east-1, cluster mode disabled, 3 members');
    expect(screen).toMatch(new RegExp(`│ ssltest-001 │ primary │ us-east-1a │ 127\\.0\\.0\\.1:${rs.primary.port} *│ yes *│`));
    expect(screen).toMatch(new RegExp(`│ ssltest-002 │ replica │ us-east-1b │ 127\\.0\\.0\\.1:${rs.replicas[0]!.port} *│ *│`));
    expect(screen).toMatch(new RegExp(`│ ssltest-003 │ replica │ us-east-1c │ 127\\.0\\.0\\.1:${rs.replicas[1]!.port} *│ *│`));
    expect(screen).toContain(`this session: 127.0.0.1:${rs.primary.port} (the primary endpoint, member ssltest-001)`);
  });

  it(':connect ssltest-002 moves to that replica (ROLE says slave) and the prompt follows; :connect primary goes back', async () => {
    const [primary, replica] = [rs.primary.port, rs.replicas[0]!.port];
    const t = await shell(['-g', 'ssltest']);
    await t.waitFor(promptOf(primary));
    await type(t, ':connect ssltest-002', endsWithPrompt(replica));
    await type(t, 'role', /1\) "slave"[^]*\n127\.0\.0\.1:\d+>$/);
    // A write is refused there (no failover lookup moves the session back behind the user's back).
    const refused = await type(t, 'set moved 1', /READONLY[^]*\n127\.0\.0\.1:\d+>$/);
    expect(refused).toMatch(endsWithPrompt(replica));
    expect(await type(t, ':nodes', /this session: .*\n127\.0\.0\.1:\d+>$/)).toContain(`(member ssltest-002)`);
    await type(t, ':connect primary', endsWithPrompt(primary));
    await type(t, 'role', /1\) "master"[^]*\n127\.0\.0\.1:\d+>$/);
  });

  it('TAB completes :connect targets and member ids; a wrong id is one line and the session stays', async () => {
    const t = await shell(['-g', 'ssltest']);
    await t.waitFor(promptOf(rs.primary.port));
    await t.send(':conn');
    await t.key('Tab');
    await t.waitFor(`${promptOf(rs.primary.port)} :connect`);
    await t.send(' ssltest-00');
    await t.key('Tab');
    await t.waitFor(`${promptOf(rs.primary.port)} :connect ssltest-001`);
    await t.key('Tab');
    await t.waitFor(`${promptOf(rs.primary.port)} :connect ssltest-002`);
    await t.key('C-u');
    const screen = await type(t, ':connect nosuch', endsWithPrompt(rs.primary.port));
    expect(screen).toContain("eredis: replication group 'ssltest' has no node 'nosuch' (nodes: ssltest-001, ssltest-002, ssltest-003)");
    await type(t, 'role', /1\) "master"/);
  });

  it(':connect keeps the tunnels: a member without a --via-map entry is refused, one with it is reached by its name', async () => {
    const via = ['-g', 'tun', '--via', `127.0.0.1:${rs.primary.port}`];
    const member = 'tun-002.ssltest.abc123.use1.cache.amazonaws.com:6379';
    const home = 'master.ssltest.abc123.use1.cache.amazonaws.com:6379>';
    const t = await shell(via);
    await t.waitFor(home);
    const refused = await type(t, ':connect tun-002', new RegExp(`tunnel[^]*\\n${home}$`));
    expect(refused.replace(/\n/g, ''))
      .toContain(`eredis: ${member} is only reachable through a tunnel: add --via-map ${member}=127.0.0.1:LOCALPORT`);
    await t.close();
    const mapped = await shell([...via, '--via-map', `${member}=127.0.0.1:${rs.replicas[0]!.port}`]);
    await mapped.waitFor(home);
    await type(mapped, ':connect tun-002', new RegExp(`\\n${member}>$`));
    await type(mapped, 'role', /1\) "slave"/);
    await type(mapped, ':connect primary', new RegExp(`\\n${home}$`));
    await type(mapped, 'role', /1\) "master"/);
  });

  it('help :connect prints our entry in redis-cli\'s style', async () => {
    const t = await shell(['-g', 'ssltest']);
    await t.waitFor(promptOf(rs.primary.port));
    const screen = await type(t, 'help :connect', /group: eredis\n\n127\.0\.0\.1:\d+>$/);
    expect(screen).toContain(':connect primary|reader|member-id');
    expect(screen).toContain("summary: Reconnects to the -g group's primary, its reader endpoint or one member");
  });

  it('a cluster-mode group lists each shard\'s slots', async () => {
    const t = await shell(['-g', 'clustered']);
    await t.waitFor(promptOf(rs.primary.port));
    const screen = await type(t, ':nodes', /this session: .*\n127\.0\.0\.1:\d+>$/);
    expect(screen).toContain('clustered: replication group in us-east-1, cluster mode enabled, 4 members');
    expect(screen).toMatch(/│ clustered-0001-001 │ - +│ us-east-1a │ clustered-0001-001\.clustered\.\S+:6379 │ 0-8191 +│/);
    expect(screen).toMatch(/│ clustered-0002-002 │ .*│ 8192-16383 │/);
  });
});

describe('the shell without -g', () => {
  it(':nodes and :connect say in one line that they need a group', async () => {
    const t = await shell(tlsArgs(certs, rs.primary));
    await t.waitFor(promptOf(rs.primary.port));
    await type(t, ':nodes', `:nodes needs an ElastiCache group: start eredis with -g NAME\n${promptOf(rs.primary.port)}`);
    await type(t, ':connect primary', `:connect needs an ElastiCache group: start eredis with -g NAME\n${promptOf(rs.primary.port)}`);
  });
});
