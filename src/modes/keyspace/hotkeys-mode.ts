// --hotkeys (redis-cli 7.0 findHotKeys): OBJECT FREQ of every key into a 16-entry eviction pool, printed as redis-cli
// 7.0 prints it; without an LFU maxmemory-policy the server's error ends the run with exit code 1, as in redis-cli.
import { repr } from '../../format/index.js';
import { keyFreqs } from './node-commands.js';
import { pct5, SAMPLING_BANNER } from './bigkeys-mode.js';
import { driveScans, onNode, shardsLine, totalKeys, type KeyspaceContext } from './scan-driver.js';

const HOTKEYS_SAMPLE = 16;

interface HotKey {
  counter: number;
  key?: string;
  node?: string;
}

/** The eviction pool: counters ascending, the hottest last; a tie goes below the keys already there. */
export class HotKeyPool {
  readonly slots: HotKey[] = Array.from({ length: HOTKEYS_SAMPLE }, () => ({ counter: 0 }));

  /** Offers a key; true when it entered the pool. */
  offer(freq: number, key: () => string, node?: string): boolean {
    let k = 0;
    while (k < HOTKEYS_SAMPLE && freq > this.slots[k]!.counter) k++;
    if (k === 0) return false;
    k--;
    if (k !== 0 && this.slots[k]!.counter !== 0) {
      // memmove(counters, counters+1, k): everything below k moves down one, dropping slot 0.
      this.slots.splice(0, 1);
      this.slots.splice(k, 0, { counter: 0 });
    }
    this.slots[k] = { counter: freq, key: key(), node };
    return true;
  }

  /** Hottest first, only keys with a counter above 0. */
  hottest(): HotKey[] {
    return [...this.slots].reverse().filter((s) => s.counter > 0);
  }
}

/** findHotKeys(). Returns the exit code. */
export async function runHotKeys(ctx: KeyspaceContext): Promise<number> {
  const pool = new HotKeyPool();
  let sampled = 0;
  let pct = 0;
  const total = await totalKeys(ctx);
  ctx.out.write(SAMPLING_BANNER('hot keys'));
  await driveScans(ctx, {
    depth: 3,
    pauseEvery: 100,
    probe: (session, keys) => keyFreqs(session, keys, ctx.warn),
    consume: (batch, freqs, run) => {
      pct = (100 * sampled) / total;
      batch.keys.forEach((key, i) => {
        sampled++;
        if (sampled % 1_000_000 === 0) ctx.out.write(`[${pct5(pct)}%] Sampled ${sampled} keys so far\n`);
        if (pool.offer(freqs[i]!, () => repr(key), run?.shard.address)) {
          ctx.out.write(`[${pct5(pct)}%] Hot key '${repr(key)}' found so far with counter ${freqs[i]}${onNode(run)}\n`);
        }
      });
    },
  });
  if (ctx.runner?.fatal) {
    ctx.warn(ctx.runner.fatal.message);
    return 1;
  }
  let summary = '\n-------- summary -------\n\n';
  if (ctx.interrupt.stopped) summary += `[${pct5(pct)}%] `;
  summary += `Sampled ${sampled} keys in the keyspace!\n`;
  if (ctx.runner) summary += shardsLine(ctx);
  for (const hot of pool.hottest()) {
    summary += `hot key found with counter: ${hot.counter}\tkeyname: ${hot.key}${hot.node ? ` on ${hot.node}` : ''}\n`;
  }
  ctx.out.write(summary);
  return ctx.runner && ctx.runner.failed.length > 0 ? 1 : 0;
}
