// --bigkeys and --memkeys (redis-cli 7.0 findBigKeys): the biggest key per type by length or by MEMORY USAGE, and the
// per-type totals, printed byte for byte as redis-cli 7.0 does; cluster-wide runs also name each biggest key's node.
import { repr } from '../../format/index.js';
import { cFixed } from '../../util/c-printf.js';
import { keySizes, keyTypes, type SizeQuery } from './node-commands.js';
import { driveScans, onNode, shardsLine, totalKeys, type KeyspaceContext } from './scan-driver.js';
import { TypeTable, type TypeInfo } from './type-table.js';

export const SAMPLING_BANNER = (what: string) => `\n# Scanning the entire keyspace to find ${what} as well as\n`
  + '# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n'
  + '# per 100 SCAN commands (not usually needed).\n\n';

/** `%05.2f` */
export const pct5 = (x: number) => cFixed(x, 2, 5, true);

export interface BigKeysOptions {
  /** --memkeys: MEMORY USAGE instead of the type's length command. */
  memory: boolean;
  /** --memkeys-samples: MEMORY USAGE ... SAMPLES n (undefined: the server's default). */
  samples?: number;
}

/** findBigKeys(memkeys, samples). Returns the exit code. */
export async function runBigKeys(ctx: KeyspaceContext, o: BigKeysOptions): Promise<number> {
  const table = new TypeTable('7.0');
  const query: SizeQuery = o.memory ? { kind: 'memory', samples: o.samples } : { kind: 'length' };
  const unit = (t: TypeInfo) => (o.memory ? 'bytes' : t.sizeUnit);
  let sampled = 0;
  let totlen = 0;
  let pct = 0;
  const total = await totalKeys(ctx);
  ctx.out.write(SAMPLING_BANNER('biggest keys'));
  await driveScans(ctx, {
    depth: 3,
    pauseEvery: 100,
    probe: async (session, keys) => {
      const types = await keyTypes(session, keys);
      return { types, sizes: (await keySizes(session, keys, types, [query], ctx.warn))[0]! };
    },
    consume: (batch, { types, sizes }, run) => {
      pct = (100 * sampled) / total;
      const infos = types.map((t) => table.lookup(t));
      batch.keys.forEach((key, i) => {
        const info = infos[i];
        if (!info) return;
        totlen += key.length;
        sampled++;
        if (table.record(info, sizes[i]!, () => repr(key), run?.shard.address)) {
          ctx.out.write(`[${pct5(pct)}%] Biggest ${info.name.padEnd(6)} found so far '${info.biggestKey}' with ${sizes[i]} ${unit(info)}${onNode(run)}\n`);
        }
        if (sampled % 1_000_000 === 0) ctx.out.write(`[${pct5(pct)}%] Sampled ${sampled} keys so far\n`);
      });
    },
  });
  let summary = '\n-------- summary -------\n\n';
  if (ctx.interrupt.stopped) summary += `[${pct5(pct)}%] `;
  summary += `Sampled ${sampled} keys in the keyspace!\n`;
  if (ctx.runner) summary += shardsLine(ctx);
  summary += `Total key length in bytes is ${totlen} (avg len ${cFixed(totlen ? totlen / sampled : 0, 2)})\n\n`;
  const types = table.ordered();
  for (const t of types) {
    if (t.biggestKey === undefined) continue;
    const node = t.biggestNode ? ` on ${t.biggestNode}` : '';
    summary += `Biggest ${t.name.padStart(6)} found '${t.biggestKey}' has ${t.biggest} ${unit(t)}${node}\n`;
  }
  summary += '\n';
  for (const t of types) {
    const share = sampled ? (100 * t.count) / sampled : 0;
    summary += `${t.count} ${t.name}s with ${t.totalSize} ${unit(t)} (${pct5(share)}% of keys, avg size ${cFixed(t.count ? t.totalSize / t.count : 0, 2)})\n`;
  }
  ctx.out.write(summary);
  return ctx.runner && ctx.runner.failed.length > 0 ? 1 : 0;
}
