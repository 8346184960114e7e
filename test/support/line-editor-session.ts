// Starts test/support/line-editor-driver.ts (bundled once with esbuild) in a tmux terminal, for the line editor tests.
import { build } from 'esbuild';
import path from 'node:path';
import { makeOwnedDir } from './child-guard.js';
import { startTty, type Tty } from './tty.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let bundled: Promise<string> | undefined;

/** The driver bundled into a temp dir (src is bundled in; packages stay external), once per test process. */
export function driverBundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = path.join(await makeOwnedDir('eredis-led-'), 'driver.mjs');
    await build({
      entryPoints: [path.join(ROOT, 'test/support/line-editor-driver.ts')], outfile, bundle: true,
      platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

export interface DriverOptions {
  /** Default `127.0.0.1:6379> `. */
  prompt?: string;
  /** Lines already in the history, oldest first. */
  history?: string[];
  cols?: number;
  rows?: number;
}

/** The driver in a fresh terminal, waiting at its first prompt (so the tty is already raw). */
export async function startDriver(opts: DriverOptions = {}): Promise<Tty> {
  const args = [
    ...(opts.prompt !== undefined ? ['--prompt', opts.prompt] : []),
    ...(opts.history ?? []).flatMap((h) => ['--history', h]),
  ];
  const tty = await startTty([process.execPath, await driverBundle(), ...args], { cols: opts.cols, rows: opts.rows });
  try {
    await tty.waitFor((opts.prompt ?? '127.0.0.1:6379> ').trimEnd());
  } catch (err) {
    await tty.close();
    throw err;
  }
  return tty;
}
