// The one merge of flags, environment, config file and defaults: a table per key, and the XDG paths.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { parseConfig, type ConfigFile } from '../../src/settings/config-file.js';
import { resolveSettings, type Env } from '../../src/settings/settings.js';
import { xdgPath } from '../../src/settings/xdg-paths.js';

const TERMINAL = { stdinIsTTY: false, stdoutIsTTY: false };

function configOf(text: string): ConfigFile {
  const sections = parseConfig(text, () => undefined);
  return { forTarget: (t) => sections.get(t.toLowerCase()) ?? {} };
}

const CONFIG = configOf([
  '[ssltest]', 'region = eu-west-1', 'profile = from-config', 'user = config-user', 'secret-id = config/secret', 'iam = yes',
  '[10.0.0.5:6380]', 'user = direct-user', 'region = ap-south-1',
].join('\n'));

function settings(argv: string[], env: Env = {}, config = CONFIG) {
  return resolveSettings(parseArgs(argv), env, TERMINAL, config);
}

describe('precedence: flags > environment > config file > defaults', () => {
  it.each([
    // [what, argv, env, expected region]
    ['config file', ['-g', 'ssltest'], {}, 'eu-west-1'],
    ['AWS_DEFAULT_REGION over the config file', ['-g', 'ssltest'], { AWS_DEFAULT_REGION: 'ca-central-1' }, 'ca-central-1'],
    ['AWS_REGION over AWS_DEFAULT_REGION', ['-g', 'ssltest'], { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'x' }, 'us-east-2'],
    ['--region over AWS_REGION', ['-g', 'ssltest', '--region', 'sa-east-1'], { AWS_REGION: 'us-east-2' }, 'sa-east-1'],
    ['a blank variable counts as unset', ['-g', 'ssltest'], { AWS_REGION: ' ' }, 'eu-west-1'],
    ['no section for another group', ['-g', 'other'], {}, undefined],
    ['the host:port section of a direct connection', ['-h', '10.0.0.5', '-p', '6380'], {}, 'ap-south-1'],
  ] as const)('region: %s', (_what, argv, env, region) => {
    expect(settings([...argv], env).aws.region).toBe(region);
  });

  it.each([
    ['config file', [], {}, 'from-config'],
    ['AWS_PROFILE over the config file', [], { AWS_PROFILE: 'env-profile' }, 'env-profile'],
    ['--profile over AWS_PROFILE', ['--profile', 'flag-profile'], { AWS_PROFILE: 'env-profile' }, 'flag-profile'],
  ] as const)('profile: %s', (_what, argv, env, profile) => {
    expect(settings(['-g', 'ssltest', ...argv], env).aws.profile).toBe(profile);
  });

  it('user, secret-id and iam come from the section unless a flag says otherwise', () => {
    const fromFile = settings(['-g', 'ssltest']);
    expect([fromFile.user, fromFile.secretId, fromFile.iam]).toEqual(['config-user', 'config/secret', true]);
    const flags = settings(['-g', 'ssltest', '--user', 'bob', '--secret-id', 'flag/secret']);
    expect([flags.user, flags.secretId]).toEqual(['bob', 'flag/secret']);
    expect(settings(['-u', 'redis://uriuser:pw@10.0.0.5:6380']).user).toBe('uriuser');
    expect(settings(['-h', '10.0.0.5', '-p', '6380']).user).toBe('direct-user');
    expect(settings(['-g', 'other']).iam).toBe(false);
  });

  it('the section is named after the group, else host:port ([v6]:port) or the socket', () => {
    expect(settings(['-g', 'SslTest']).credentialTarget).toBe('SslTest');
    expect(settings(['-h', '::1', '-p', '7000']).credentialTarget).toBe('[::1]:7000');
    expect(settings(['-s', '/tmp/r.sock']).credentialTarget).toBe('/tmp/r.sock');
    expect(settings([]).credentialTarget).toBe('127.0.0.1:6379');
  });

  it('output: a flag, else TTY when stdout is a terminal (or FAKETTY), else raw; JSON asks for RESP3', () => {
    expect(settings([]).print.mode).toBe('raw');
    expect(settings([], { FAKETTY: '1' }).print.mode).toBe('tty');
    expect(resolveSettings(parseArgs([]), {}, { stdinIsTTY: false, stdoutIsTTY: true }, CONFIG).showPushes).toBe(true);
    expect(settings(['--csv']).print.mode).toBe('csv');
    expect([settings(['--json']).hello3, settings(['--json', '-2']).hello3, settings(['-3']).hello3]).toEqual(['implicit', 'off', 'explicit']);
  });

  it('reply timeout: --reply-timeout, else the section\'s reply-timeout, else 5 s; 0 waits forever', () => {
    const config = configOf('[ssltest]\nreply-timeout = 12\n[other]\nreply-timeout = soon\n');
    expect(settings([], {}, config).replyTimeoutMs).toBe(5_000);
    expect(settings(['-g', 'ssltest'], {}, config).replyTimeoutMs).toBe(12_000);
    expect(settings(['-g', 'ssltest', '--reply-timeout', '2.5'], {}, config).replyTimeoutMs).toBe(2_500);
    expect(settings(['--reply-timeout', '0']).replyTimeoutMs).toBe(0);
    expect(settings(['-g', 'other'], {}, config).replyTimeoutMs).toBe(5_000);
  });

  it('defaults', () => {
    const s = settings([]);
    expect([s.host, s.port, s.db, s.timeoutMs, s.role, s.timing, s.cluster]).toEqual(['127.0.0.1', 6379, 0, 10_000, 'primary', true, false]);
    expect([settings(['--reader']).role, settings(['--node', 'x-002']).role]).toEqual(['replica', { node: 'x-002' }]);
  });

  it('history file: EREDIS_HISTFILE (empty or /dev/null: none), else the XDG state directory', () => {
    expect(settings([], { EREDIS_HISTFILE: '/tmp/h' }).historyFile).toBe('/tmp/h');
    expect(settings([], { EREDIS_HISTFILE: '' }).historyFile).toBeUndefined();
    expect(settings([], { EREDIS_HISTFILE: '/dev/null' }).historyFile).toBeUndefined();
    expect(settings([], { HOME: '/home/u' }).historyFile).toBe('/home/u/.local/state/eredis/history');
  });
});

describe('XDG directories: one rule for config, state and cache', () => {
  it.each([
    ['config', 'XDG_CONFIG_HOME', '/home/u/.config/eredis'],
    ['state', 'XDG_STATE_HOME', '/home/u/.local/state/eredis'],
    ['cache', 'XDG_CACHE_HOME', '/home/u/.cache/eredis'],
  ] as const)('%s: an absolute %s, else the default under HOME', (kind, variable, fallback) => {
    expect(xdgPath(kind, { HOME: '/home/u', [variable]: '/x' })).toBe('/x/eredis');
    expect(xdgPath(kind, { HOME: '/home/u', [variable]: 'relative' })).toBe(fallback);
    expect(xdgPath(kind, { HOME: '/home/u' })).toBe(fallback);
  });
});

describe('mode dispatch follows redis-cli main()', () => {
  const chosen = (argv: string[]) => {
    const s = settings(argv);
    return s.serverMode?.kind ?? s.keyspace?.mode ?? (s.pipe ? 'pipe' : 'none');
  };
  it('latency, replica and rdb come before --pipe and the key-space modes', () => {
    expect(chosen(['--latency', '--bigkeys'])).toBe('latency');
    expect(chosen(['--replica', '--pipe'])).toBe('replica');
    expect(chosen(['--rdb', 'x.rdb', '--scan'])).toBe('rdb');
  });
  it('--bigkeys/--memkeys/--hotkeys beat --stat, which beats --scan; --scan beats --lru-test', () => {
    expect(chosen(['--stat', '--bigkeys'])).toBe('bigkeys');
    expect(chosen(['--scan', '--stat'])).toBe('stat');
    expect(chosen(['--scan', '--lru-test', '100'])).toBe('scan');
    expect(chosen(['--pipe', '--stat'])).toBe('pipe');
  });
});
