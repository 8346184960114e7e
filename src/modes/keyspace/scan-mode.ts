// --scan (redis-cli scanMode): every key matching --pattern, one per line; quoted in the TTY output mode, otherwise
// raw and cut at a NUL byte (printf "%s"). Cluster-wide, each shard's batches are printed as they arrive.
import { repr } from '../../format/index.js';
import { cString } from '../../format/repr.js';
import { driveScans, type KeyspaceContext } from './scan-driver.js';

/** scanMode(). `quoted`: the output mode is the TTY one (a terminal, FAKETTY or --no-raw). */
export async function runScan(ctx: KeyspaceContext, quoted: boolean): Promise<number> {
  if (ctx.runner) await ctx.runner.measure();
  await driveScans(ctx, {
    depth: 1,
    pauseEvery: 1,
    consume: (batch) => {
      let text = '';
      for (const key of batch.keys) text += quoted ? `${repr(key)}\n` : `${cString(key).toString('latin1')}\n`;
      ctx.out.write(text);
    },
  });
  return ctx.runner && ctx.runner.failed.length > 0 ? 1 : 0;
}
