// The keychain for real: store, read, list, delete through keychain.ts and `auth`, and the one-line unavailable paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteSecret, getSecret, KeychainUnavailable, listAccounts, setSecret } from '../../src/auth/keychain.js';
import { runAuthCommand, type AuthCommandIO } from '../../src/modes/auth-command.js';
import { buildKeychainCli, KEYCHAIN_REQUIRED, PRIVATE_KEYRING, SKIP_REASON } from '../support/keychain-env.js';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { runProcess, type RunOptions } from '../support/run.js';

const SECRET = 'Sup3r-s3cret!&#$^<>-token-42';
const NO_BUS = 'eredis: no keychain available (no Secret Service on D-Bus); use REDISCLI_AUTH, --askpass, --secret-id or --iam instead';
const LOCKED = 'eredis: no keychain available (the keyring is locked); use REDISCLI_AUTH, --askpass, --secret-id or --iam instead';

let cli: { file: string; remove(): void };
beforeAll(async () => {
  cli = await buildKeychainCli();
});
afterAll(() => cli.remove());

const runCli = (args: string[], opts?: RunOptions) => runProcess(process.execPath, [cli.file, ...args], opts);

function memoryIO(stdinLine = ''): AuthCommandIO & { stdout: string; stderr: string[] } {
  const io = {
    stdout: '',
    stderr: [] as string[],
    stdinIsTTY: false,
    out: (text: string) => void (io.stdout += text),
    err: (line: string) => void io.stderr.push(line),
    readStdinLine: () => stdinLine,
  };
  return io;
}

describe('keychain against a real Secret Service', () => {
  if (!PRIVATE_KEYRING) {
    it('needs the private Secret Service of scripts/with-keyring.sh', (ctx) => {
      if (KEYCHAIN_REQUIRED) throw new Error(`KEYCHAIN_REQUIRED=1 but there is ${SKIP_REASON}`);
      console.warn(`keychain tests skipped: ${SKIP_REASON}`); // the default reporter does not print skip notes
      ctx.skip(SKIP_REASON);
    });
    return;
  }
  const target = `kt-${process.pid}.example:6379`;

  it('stores, reads, lists and deletes through keychain.ts, per target and per user', async () => {
    expect(await getSecret(target)).toBeUndefined();
    expect(await setSecret(target, undefined, SECRET)).toBeUndefined();
    expect(await setSecret(target.toUpperCase(), 'alice', 'alice-pw')).toBeUndefined();
    expect(await getSecret(target)).toBe(SECRET);
    expect(await getSecret(target, 'alice')).toBe('alice-pw');
    expect(await getSecret(target, 'bob')).toBeUndefined();

    const accounts = await listAccounts();
    expect(accounts).not.toBeInstanceOf(KeychainUnavailable);
    expect(accounts).toEqual(expect.arrayContaining([{ target }, { target, user: 'alice' }]));
    expect(JSON.stringify(accounts)).not.toContain(SECRET);

    expect(await setSecret(target, undefined, 'replaced')).toBeUndefined();
    expect(await getSecret(target)).toBe('replaced');
    expect(await deleteSecret(target)).toBe(true);
    expect(await deleteSecret(target)).toBe(false);
    expect(await deleteSecret(target, 'alice')).toBe(true);
    expect(await getSecret(target, 'alice')).toBeUndefined();
  });

  it('runs auth set / list / delete in stdin-line mode', async () => {
    const set = memoryIO(SECRET);
    expect(await runAuthCommand(['set', 'SSLTest-kt', '--user', 'app'], set)).toBe(0);
    expect(set.stdout).toBe('Saved the AUTH token for app@ssltest-kt in the keychain.\n');
    expect(await getSecret('ssltest-kt', 'app')).toBe(SECRET);

    const list = memoryIO();
    expect(await runAuthCommand(['list'], list)).toBe(0);
    expect(list.stdout.split('\n')).toContain('app@ssltest-kt');
    expect(list.stdout).not.toContain(SECRET);

    const del = memoryIO();
    expect(await runAuthCommand(['delete', 'ssltest-kt', '--user=app'], del)).toBe(0);
    expect(del.stdout).toBe('Deleted the AUTH token for app@ssltest-kt from the keychain.\n');
    const again = memoryIO();
    expect(await runAuthCommand(['delete', 'ssltest-kt', '--user=app'], again)).toBe(1);
    expect(again.stderr).toEqual(['eredis: no AUTH token for app@ssltest-kt in the keychain']);
  });

  it('asks with the masked prompt on a terminal', async () => {
    const io = { ...memoryIO(), stdinIsTTY: true };
    const asked: string[] = [];
    const prompt = async (message: string) => (asked.push(message), SECRET);
    expect(await runAuthCommand(['set', 'tty-kt'], io, { prompt })).toBe(0);
    expect(asked).toEqual(['AUTH token for tty-kt']);
    expect(await getSecret('tty-kt')).toBe(SECRET);
    expect(await deleteSecret('tty-kt')).toBe(true);
  });

  it('reads the token from a piped stdin in a child process, never from argv', async () => {
    const inherit = { inheritEnv: ['DBUS_SESSION_BUS_ADDRESS'] };
    const set = await runCli(['auth', 'set', 'child-kt'], { ...inherit, input: `${SECRET}\nleftover\n` });
    expect([set.code, set.stderr, set.stdout.toString()]).toEqual([0, '', 'Saved the AUTH token for child-kt in the keychain.\n']);
    expect(await getSecret('child-kt')).toBe(SECRET);
    const lookup = await runCli(['lookup', 'child-kt'], inherit);
    expect(lookup.stdout.toString()).toBe('found\n');
    expect(await deleteSecret('child-kt')).toBe(true);
  });

  it('reports a locked keyring in one line', async () => {
    // A keyring made and filled in one private session, then opened locked by the next one (no --unlock).
    const dir = await makeOwnedDir('eredis-locked-');
    const env = { HOME: dir, XDG_DATA_HOME: `${dir}/data`, XDG_RUNTIME_DIR: dir };
    const fill = `printf pw | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null && "$0" "$@"`;
    try {
      const made = await runProcess('dbus-run-session', ['--', 'sh', '-c', fill, process.execPath, cli.file, 'auth', 'set', 'locked-kt'], { env, input: 'pw-locked\n' });
      expect(made.stdout.toString()).toContain('Saved the AUTH token for locked-kt');
      for (const args of [['auth', 'list'], ['auth', 'set', 'locked-kt'], ['lookup', 'locked-kt']]) {
        const r = await runProcess('dbus-run-session', ['--', process.execPath, cli.file, ...args], { env, input: 'new-secret\n' });
        const ours = r.stderr.split('\n').filter((l) => l.startsWith('eredis') || l.startsWith('CRASH'));
        expect(ours, args.join(' ')).toEqual([LOCKED]);
        expect(r.stderr).not.toContain('new-secret');
      }
    } finally {
      await removeOwnedDir(dir);
    }
  });
});

describe('keychain unavailable (always runs)', () => {
  it.each([
    ['a bus address that leads nowhere', { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }],
    ['no session bus at all', { XDG_RUNTIME_DIR: '/nonexistent-eredis-runtime' }],
  ])('%s: one clear line, no crash, no secret', async (_name, env) => {
    for (const args of [['auth', 'list'], ['auth', 'set', 'ssltest'], ['auth', 'delete', 'ssltest', '--user', 'u']]) {
      const r = await runCli(args, { env, input: `${SECRET}\n` });
      expect([r.code, r.stderr, r.stdout.toString()], args.join(' ')).toEqual([1, `${NO_BUS}\n`, '']);
    }
    const lookup = await runCli(['lookup', 'ssltest'], { env });
    expect([lookup.code, lookup.stderr, lookup.stdout.toString()]).toEqual([0, `${NO_BUS}\n`, 'unavailable\n']);
  });

  it('usage errors are one line and exit 1, before touching the keychain', async () => {
    for (const [args, line] of [
      [[], /^usage: eredis auth set TARGET/],
      [['set'], /^usage: /],
      [['set', 'a', 'b'], /^usage: /],
      [['set', 'x', '--user'], /'--user' needs a NAME/],
      [['set', 'alice@x'], /cannot contain '@'/],
      [['rotate', 'x'], /unknown subcommand 'rotate'/],
      [['list', '-v'], /unknown option '-v'/],
    ] as const) {
      const io = memoryIO(SECRET);
      expect(await runAuthCommand([...args], io), args.join(' ')).toBe(1);
      expect(io.stderr).toHaveLength(1);
      expect(io.stderr[0]).toMatch(line);
    }
  });

  it('saves nothing when the terminal prompt is cancelled', async () => {
    const io = { ...memoryIO(), stdinIsTTY: true };
    expect(await runAuthCommand(['set', 'x'], io, { prompt: async () => undefined })).toBe(1);
    expect([io.stdout, io.stderr]).toEqual(['', []]);
  });

  it('refuses an empty token from stdin', async () => {
    const io = memoryIO('');
    expect(await runAuthCommand(['set', 'x'], io)).toBe(1);
    expect(io.stderr).toEqual(['eredis: empty AUTH token; nothing saved']);
  });
});
