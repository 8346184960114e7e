// Time to the first prompt, eredis vs redis-cli 7.0, on loopback and through a simulated tunnel to another region
// (test/support/slow-link.ts: +80 ms round trip, 2 MB/s), both in a pseudo-terminal (`script`), TLS with AUTH.
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { testCerts } from '../test/support/certs.js';
import { makeOwnedDir, removeOwnedDir } from '../test/support/child-guard.js';
import { startRedis } from '../test/support/redis-server.js';
import { EREDIS_BIN, hasRedisCli } from '../test/support/run.js';
import { startSlowLink } from '../test/support/slow-link.js';

const PASSWORD = 'prompt-bench-password-0123';
const RUNS = 7;
const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * Milliseconds from spawning `cmd` in a fresh pseudo-terminal until `prompt` is on its screen; then types `quit`.
 * `script` (util-linux) provides the terminal, the same way for both programs; it is given a size (a pty without
 * one makes linenoise ask the terminal for its width, and nobody would answer).
 */
export function timeToPrompt(cmd: string, args: string[], prompt: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const inTerminal = `stty cols 100 rows 30 && exec ${[cmd, ...args].map(quote).join(' ')}`;
    const child = spawn('script', ['-qfec', inTerminal, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let took: number | undefined;
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no prompt from ${cmd} in 20 s:\n${screen}`)); }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString('latin1');
      if (took === undefined && screen.includes(prompt)) {
        took = performance.now() - start;
        child.stdin.write('quit\r');
      }
    });
    child.stdin.on('error', () => undefined);
    child.on('close', () => {
      clearTimeout(timer);
      if (took === undefined) reject(new Error(`${cmd} ended before its prompt:\n${screen}`));
      else resolve(took);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Rows: label, eredis (median of RUNS), redis-cli (median), ratio and the 1.2x target. */
export async function benchPrompt(bin = EREDIS_BIN): Promise<string[][]> {
  const certs = await testCerts();
  const server = await startRedis({ tls: true, password: PASSWORD });
  const home = await makeOwnedDir('eredis-prompt-');
  const link = await startSlowLink({ target: { host: server.host, port: server.port }, rttMs: 80, bytesPerSec: 2_000_000 });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TERM: 'xterm-256color', LANG: 'C.UTF-8',
    REDISCLI_AUTH: PASSWORD, REDISCLI_HISTFILE: '/dev/null', EREDIS_HISTFILE: '',
  };
  const rows: string[][] = [];
  try {
    const links = [['loopback, TLS + AUTH', server.port, false], ['80 ms RTT, 2 MB/s link, TLS + AUTH', link.port, true]] as const;
    for (const [label, port, target] of links) {
      const args = ['--tls', '--cacert', certs.caCert, '-h', '127.0.0.1', '-p', String(port)];
      const prompt = `127.0.0.1:${port}> `;
      const ours: number[] = [];
      const theirs: number[] = [];
      // Interleaved, so a busy moment on the machine hits both alike.
      for (let i = 0; i < RUNS; i++) {
        ours.push(await timeToPrompt(bin, args, prompt, env));
        if (hasRedisCli()) theirs.push(await timeToPrompt('redis-cli', args, prompt, env));
      }
      const [a, b] = [median(ours), theirs.length ? median(theirs) : undefined];
      // The target is for the slow link; on loopback Node's own start (~0.1 s) is most of eredis's time.
      const verdict = target ? ` (target <= 1.2x: ${a <= 1.2 * b! ? 'met' : 'NOT met'})` : '';
      const ratio = b === undefined ? '(no redis-cli)' : `${(a / b).toFixed(2)}x redis-cli's time${verdict}`;
      rows.push([`time to prompt, ${label}`, `eredis ${seconds(a)}`, b === undefined ? '' : `redis-cli ${seconds(b)}`, ratio]);
    }
    return rows;
  } finally {
    await link.close();
    await server.stop();
    await removeOwnedDir(home);
  }
}

// `node scripts/run-ts.mjs bench/prompt.ts [path/to/other/bin/eredis]` runs it alone (another build for comparison).
// (run-ts bundles its entry, so inside bench/run.ts this module's import.meta.url is run's: compare the name.)
if (process.argv[1] && basename(process.argv[1]) === 'prompt.mjs') {
  for (const row of await benchPrompt(process.argv[2])) console.log(row.join('  |  '));
}
