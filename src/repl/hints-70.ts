// redis-cli 7.0's hint (hintsCallback): the longest matching command's synopsis, less one word per typed argument.
import type { CommandCatalog } from '../commands/catalog.js';
import { equalsIgnoreCase, asciiLower } from '../commands/command-words.js';
import { commandParams } from '../commands/help-text.js';
import { splitArgs } from '../commands/split-args.js';

/**
 * The hint without the leading space the display adds; undefined when no command matches (a NULL hint). Words are
 * removed from the front of the synopsis up to its first optional part (`[`), which is never consumed.
 */
export function hint70(line: string, catalog: CommandCatalog): string | undefined {
  const argv = splitArgs(Buffer.from(line, 'utf8'));
  if (!argv || argv.length === 0) return undefined;
  let matchlen = 0;
  let params: string | undefined;
  for (const entry of catalog.entries) {
    const words = entry.words;
    if (words.length > argv.length || words.length <= matchlen) continue;
    if (words.every((w, j) => equalsIgnoreCase(argv[j]!, asciiLower(w)))) {
      matchlen = words.length;
      params = commandParams(entry);
    }
  }
  if (params === undefined) return undefined;
  let hint = params;
  for (let toremove = argv.length - matchlen; toremove > 0 && hint.length > 0 && hint[0] !== '[';) {
    if (hint[0] === ' ') toremove--;
    hint = hint.slice(1);
  }
  return hint;
}
