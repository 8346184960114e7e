// Commands a cluster batch may route by their first argument: their only key is that argument (SET, GET, HSET...).
import type { CommandArg, CommandCatalog } from './catalog.js';

function countKeys(args: readonly CommandArg[] | undefined): number {
  return (args ?? []).reduce((n, a) => n + (a.type === 'key' ? 1 : 0) + countKeys(a.arguments), 0);
}

/** The lower-case names of the commands whose only key is their first argument. */
export function singleKeyCommands(catalog: CommandCatalog): Set<string> {
  const names = new Set<string>();
  for (const doc of catalog.entries) {
    const first = doc.arguments?.[0];
    if (doc.words.length !== 1 || !first || first.type !== 'key') continue;
    if ((first.flags ?? []).some((f) => f === 'optional' || f === 'multiple') || countKeys(doc.arguments) !== 1) continue;
    names.add(doc.words[0]!.toLowerCase());
  }
  return names;
}
