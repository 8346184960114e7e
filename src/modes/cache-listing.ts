// `eredis groups`, `eredis describe -g NAME` and `eredis __complete groups`: the account's caches as tables or names.
import type { Settings } from '../settings/settings.js';
import type { ModeIO } from '../output/fd-output.js';

/** Output takes byte strings (one char per byte): the tables' borders and names are UTF-8. */
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** A table of every replication group and serverless cache in the region. */
export async function listGroups(s: Settings, env: Record<string, string | undefined>, io: ModeIO, color: boolean): Promise<number> {
  const [ec, tables] = await Promise.all([import('../elasticache/lookup.js'), import('../ui/cache-tables.js')]);
  const list = await ec.listCaches({ ...s.aws, env });
  io.out.write(utf8(`${tables.renderCacheTable(list, { color, region: s.aws.region })}\n`));
  return 0;
}

/** The nodes of one cache: id, role, shard, availability zone, endpoint, status. */
export async function describeGroup(s: Settings, env: Record<string, string | undefined>, io: ModeIO, color: boolean): Promise<number> {
  if (!s.group) {
    io.warn('usage: eredis describe -g NAME [--region R] [--profile P]');
    return 1;
  }
  const [ec, tables] = await Promise.all([import('../elasticache/lookup.js'), import('../ui/cache-tables.js')]);
  const listing = await ec.describeNodes({ name: s.group, ...s.aws, env });
  io.out.write(utf8(`${tables.renderNodeTable(listing, { color })}\n`));
  return 0;
}

/** Hidden: dynamic values for the shell completion scripts, one per line, silent on errors. */
export async function completeWords(what: string[], s: Settings, env: Record<string, string | undefined>, io: ModeIO): Promise<number> {
  if (what.join(' ') !== 'groups') return 0;
  const { cacheNames } = await import('../elasticache/cache-names.js');
  const names = await cacheNames({ ...s.aws, cacheDir: s.cacheDir, env });
  io.out.write(names.map((n) => `${n}\n`).join(''));
  return 0;
}

/** `eredis completion bash|zsh|fish`. */
export async function printCompletion(args: string[], io: ModeIO): Promise<number> {
  // Lazy: the scripts embed the command list from the 160 KB command docs.
  const { SHELLS, completionScript } = await import('../cli/completion-scripts.js');
  const shell = args[0] as (typeof SHELLS)[number];
  if (args.length !== 1 || !SHELLS.includes(shell)) {
    io.warn(`usage: eredis completion ${SHELLS.join('|')}`);
    return 1;
  }
  io.out.write(completionScript(shell));
  return 0;
}
