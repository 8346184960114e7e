// `npm run demo` in a real terminal: Ctrl-C during a blocking command reaches only the shell (the demo's servers keep
// running), and the servers stop when the demo ends, whether by `quit` or by SIGTERM, leaving nothing running.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeOwnedDir, removeOwnedDir } from '../support/child-guard.js';
import { REPO_ROOT } from '../support/run.js';
import { startTty, type Tty } from '../support/tty.js';

let tty: Tty | undefined;
let dir: string | undefined;

afterEach(async () => {
  await tty?.close();
  if (dir) await removeOwnedDir(dir);
  tty = dir = undefined;
});

/** Starts the demo in a terminal; resolves with its pid and the ports its servers listen on, at the first prompt. */
async function startDemo(): Promise<{ pid: number; ports: number[]; prompt: string }> {
  dir = await makeOwnedDir('eredis-demo-');
  const pidFile = `${dir}/pid`;
  tty = await startTty(['sh', '-c', `echo $$ > ${pidFile}; exec node scripts/run-ts.mjs scripts/demo.ts`], {
    cwd: REPO_ROOT, cols: 160, rows: 30, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const screen = await tty.waitFor(/localhost:\d+>$/m, 60_000);
  const m = /primary localhost:(\d+), replica localhost:(\d+)/.exec(screen)!;
  const prompt = /(localhost:\d+>)$/m.exec(screen)![1]!;
  return { pid: Number(readFileSync(pidFile, 'utf8')), ports: [Number(m[1]), Number(m[2])], prompt };
}

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

async function stoppedEverything(ports: number[], pid: number): Promise<void> {
  await expect.poll(() => tty!.exited(), { timeout: 15_000 }).toBe(true);
  await expect.poll(async () => (await Promise.all(ports.map(listening))).some(Boolean), { timeout: 10_000 }).toBe(false);
  // Exited is enough: tmux (remain-on-exit) may leave the demo a zombie until the pane is closed.
  const alive = () => { try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; } };
  await expect.poll(alive, { timeout: 10_000 }).toBe(false);
}

describe('npm run demo in a terminal', () => {
  it('Ctrl-C during BLPOP abandons the reply and the shell goes on; quit stops every server', async () => {
    const { pid, ports, prompt } = await startDemo();
    await tty!.send('BLPOP nothing 0');
    await tty!.key('Enter');
    await new Promise((r) => setTimeout(r, 500));
    await tty!.key('C-c');
    await tty!.waitFor(new RegExp(`${prompt} BLPOP nothing 0\\n(.*\\n)?${prompt}$`), 10_000);
    expect(await Promise.all(ports.map(listening))).toEqual([true, true]);
    await tty!.send('PING');
    await tty!.key('Enter');
    const screen = await tty!.waitFor(/PONG\n.*>$/);
    expect(screen).not.toMatch(/Could not connect|not connected/);
    await tty!.send('quit');
    await tty!.key('Enter');
    await stoppedEverything(ports, pid);
  }, 120_000);

  it('SIGTERM to the demo stops the shell and every server', async () => {
    const { pid, ports } = await startDemo();
    process.kill(pid, 'SIGTERM');
    await stoppedEverything(ports, pid);
  }, 120_000);
});
