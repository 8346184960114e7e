// Shared by the key-space e2e tests: runs that get Ctrl-C (SIGINT) after a delay, and the data set of the research notes (every type, a binary key, a key with a newline).
import { spawnGuarded } from '../support/child-guard.js';
import { baseEnv, EREDIS_BIN, tempHome, type RunResult } from '../support/run.js';
import type { TestClient } from '../support/client.js';

/** Runs cmd, sends SIGINT after `afterMs`, and collects what it printed and how it ended. */
export async function runInterrupted(cmd: string, args: string[], afterMs: number, timeoutMs = 20_000): Promise<RunResult> {
  const home = await tempHome();
  try {
    return await new Promise<RunResult>((resolve, reject) => {
      const child = spawnGuarded(cmd, args, { env: { ...baseEnv(), HOME: home.dir }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timedOut = false;
      const sigint = setTimeout(() => child.kill('SIGINT'), afterMs);
      const kill = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
      child.stdout!.on('data', (d: Buffer) => out.push(d));
      child.stderr!.on('data', (d: Buffer) => err.push(d));
      child.stdin!.end();
      child.once('error', reject);
      child.once('close', (code, signal) => {
        clearTimeout(sigint);
        clearTimeout(kill);
        resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code, signal, timedOut });
      });
    });
  } finally {
    await home.remove();
  }
}

export const eredisInterrupted = (args: string[], afterMs: number) => runInterrupted(EREDIS_BIN, args, afterMs);

/** The notes' data set (redis-cli-modes.md §1.3): 11 keys of every type, one with a newline, one with a \x01 byte. */
export async function seedTypes(c: TestClient): Promise<void> {
  await c.rPush('list:a', ['1', '2', '3']);
  await c.hSet('hash:a', { f1: 'v', f2: 'v', f3: 'v', f4: 'v' });
  await c.sendCommand(['XADD', 'stream:a', '1-1', 'a', '1']);
  await c.sendCommand(['XADD', 'stream:a', '2-1', 'b', '2']);
  await c.set('sp ace\n', 'x');
  await c.rPush('list:b', ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  await c.set(Buffer.from('bin\x01key', 'latin1'), 'x');
  await c.set('str:big', 'a'.repeat(1000));
  await c.set('str:small', '123456');
  await c.zAdd('zset:a', [{ score: 1, value: 'a' }, { score: 2, value: 'b' }, { score: 3, value: 'c' }]);
  await c.sAdd('set:b', ['1', '2', '3', '4', '5']);
  await c.sAdd('set:a', ['a', 'b']);
}

/** `count` string keys `prefix0..` with `value`, pipelined. */
export async function seedStrings(c: TestClient, prefix: string, count: number, value = 'A'): Promise<void> {
  for (let i = 0; i < count; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, count - i) }, (_, j) => c.set(`${prefix}${i + j}`, value)));
  }
}

/** Sorted lines of a --scan output. */
export const sortedLines = (out: Buffer) => out.toString('latin1').split('\n').filter((l) => l !== '').sort();
