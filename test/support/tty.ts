// A real terminal for e2e tests: runs a command in a detached tmux pane (private server), types keys, reads the screen.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeOwnedDir, removeOwnedDir } from './child-guard.js';

export interface TtyOptions {
  cols?: number;
  rows?: number;
  /** The command's whole environment (it runs under `env -i`); PATH, HOME and TERM get defaults. */
  env?: Record<string, string>;
  cwd?: string;
}

export interface Tty {
  /** Types literal text (send-keys -l). */
  send(text: string): Promise<void>;
  /** Presses named keys, tmux names: Enter, Tab, Escape, BSpace, Up, Down, Left, Right, Home, End, DC, C-a... */
  key(...names: string[]): Promise<void>;
  /** The visible screen, trailing spaces and trailing blank lines removed. `escapes` keeps colours (capture-pane -e). */
  screen(opts?: { escapes?: boolean }): Promise<string>;
  /** Polls the screen until it contains text (or matches the RegExp); returns that screen, or throws with it. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** The cursor position, 0-based. */
  cursor(): Promise<{ x: number; y: number }>;
  /** Whether the command has exited (the pane stays, so its last screen can still be read). */
  exited(): Promise<boolean>;
  /** Kills the tmux server (and so the command) and removes the socket directory. Idempotent. */
  close(): Promise<void>;
}

/** Servers still running, killed synchronously if the test process exits without closing them. */
const liveSockets = new Set<string>();
process.once('exit', () => {
  for (const sock of liveSockets) {
    try {
      execFileSync('tmux', ['-S', sock, 'kill-server'], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
});

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

/** tmux servers daemonize, so if this process is SIGKILLed a watchdog (SIGTERMed by the kernel) kills the server. */
function watchdog(sock: string): ChildProcess | undefined {
  if (!SETPRIV) return undefined;
  const script = 'trap \'tmux -S "$0" kill-server; exit 0\' TERM; while :; do sleep 1; done';
  const child = spawn(SETPRIV, ['--pdeathsig', 'TERM', '--', 'sh', '-c', script, sock], { stdio: 'ignore', env: tmuxEnv() });
  child.unref();
  return child;
}

function tmuxEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.TMUX; // tests may themselves run inside tmux
  return env;
}

function tmux(sock: string, args: string[]): Promise<string> {
  const env = tmuxEnv();
  return new Promise((resolve, reject) => {
    execFile('tmux', ['-S', sock, ...args], { env }, (err, stdout, stderr) => {
      if (err) reject(new Error(`tmux ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Trailing spaces and blank lines removed, and tmux's own `Pane is dead (...)` line (remain-on-exit) dropped. */
export function trimScreen(text: string): string {
  return text.split('\n').filter((l) => !/^Pane is dead \(/.test(l)).map((l) => l.replace(/\s+$/, ''))
    .join('\n').replace(/\n+$/, '');
}

/** Starts `command` in a fresh tmux server on a private socket, in a pane of exactly cols x rows. */
export async function startTty(command: string[], opts: TtyOptions = {}): Promise<Tty> {
  const cols = opts.cols ?? 80;
  const rows = opts.rows ?? 24;
  const dir = await makeOwnedDir('eredis-tty-');
  const sock = path.join(dir, 'tmux.sock');
  const conf = path.join(dir, 'tmux.conf');
  // No status line (it would take a row), keep the pane after the command exits, and no user config.
  await fs.writeFile(conf, [
    'set -g status off', 'set -g remain-on-exit on', 'set -g history-limit 0', 'set -sg escape-time 0',
    `set -g default-size ${cols}x${rows}`, '',
  ].join('\n'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', LANG: 'C.UTF-8', ...opts.env,
  };
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  liveSockets.add(sock);
  await tmux(sock, [
    '-f', conf, 'new-session', '-d', '-s', 'main', '-x', String(cols), '-y', String(rows),
    ...(opts.cwd ? ['-c', opts.cwd] : []), '--', 'env', '-i', ...envArgs, ...command,
  ]);
  const guard = watchdog(sock);
  let closed = false;

  const screen = async (o: { escapes?: boolean } = {}) =>
    trimScreen(await tmux(sock, ['capture-pane', '-p', ...(o.escapes ? ['-e'] : []), '-t', 'main']));

  return {
    async send(text) {
      if (text !== '') await tmux(sock, ['send-keys', '-t', 'main', '-l', '--', text]);
    },
    async key(...names) {
      await tmux(sock, ['send-keys', '-t', 'main', ...names]);
    },
    screen,
    async waitFor(text, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        last = await screen();
        if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${last}`);
        await sleep(30);
      }
    },
    async cursor() {
      const [x, y] = (await tmux(sock, ['display-message', '-p', '-t', 'main', '#{cursor_x} #{cursor_y}'])).trim().split(' ');
      return { x: Number(x), y: Number(y) };
    },
    async exited() {
      return (await tmux(sock, ['display-message', '-p', '-t', 'main', '#{pane_dead}'])).trim() === '1';
    },
    async close() {
      if (closed) return;
      closed = true;
      await tmux(sock, ['kill-server']).catch(() => undefined);
      guard?.kill('SIGKILL');
      liveSockets.delete(sock);
      await removeOwnedDir(dir);
    },
  };
}
