// TAB candidates: redis-cli's command-name completion, plus the argument keywords valid at the cursor.
import type { CommandCatalog } from '../commands/catalog.js';
import { strcmp } from '../commands/catalog.js';
import { asciiLower } from '../commands/command-words.js';
import { nextTokens } from './hints.js';
import { splitArgs } from '../commands/split-args.js';

const IS_SPACE = /[ \t\n\v\f\r]/;
const HELP_PREFIX = /^help /i;

/**
 * Full-line replacements for `line`, sorted. First redis-cli's rule (completionCallback): a case-insensitive prefix
 * of the whole line against every `COMMAND [SUBCOMMAND]` name, and `@group` topics after `help `. When that finds
 * nothing, the keywords (tokens) the command's syntax accepts as the next word, e.g. `SET k v ` -> `SET k v NX`...
 */
export function completions(line: string, catalog: CommandCatalog): string[] {
  const names = nameCompletions(line, catalog);
  return names.length > 0 ? names : argumentCompletions(line, catalog);
}

/** redis-cli's completionCallback, candidates in its (strcmp-sorted help table) order. */
export function nameCompletions(line: string, catalog: CommandCatalog): string[] {
  let start = 0;
  let topics: string[] = [];
  if (HELP_PREFIX.test(line)) {
    start = 5;
    while (start < line.length && IS_SPACE.test(line[start]!)) start++;
    topics = catalog.groups().map((g) => `@${g}`);
  }
  const typed = asciiLower(line.slice(start));
  const head = line.slice(0, start);
  return [...topics, ...catalog.entries.map((e) => e.full)]
    .sort(strcmp)
    .filter((full) => asciiLower(full.slice(0, typed.length)) === typed && full.length >= typed.length)
    .map((full) => head + full);
}

/** Keywords that can come next after a complete command: the tokens the hint matcher would try at the cursor. */
export function argumentCompletions(line: string, catalog: CommandCatalog): string[] {
  const partial = IS_SPACE.test(line.slice(-1)) ? '' : line.slice(lastSpace(line) + 1);
  if (/["']/.test(partial)) return []; // a quoted word: leave it alone
  const before = line.slice(0, line.length - partial.length);
  const argv = splitArgs(Buffer.from(before, 'utf8'))?.map((b) => b.toString('latin1'));
  if (!argv || argv.length === 0) return [];
  const doc = catalog.match(argv);
  if (!doc) return [];
  const words = argv.slice(doc.words.length);
  const want = asciiLower(partial);
  const fits = (w: string) => w !== '' && asciiLower(w).startsWith(want);

  let found: string[];
  if (doc.words.length === 1 && words.length === 0 && catalog.subcommandsOf(doc.name).length > 0) {
    found = catalog.subcommandsOf(doc.name).map((s) => s.words[1]!).filter(fits);
  } else {
    found = (nextTokens(doc, words) ?? []).filter(fits);
  }
  return [...new Set(found)].map((t) => before + t).sort(strcmp);
}

function lastSpace(line: string): number {
  for (let i = line.length - 1; i >= 0; i--) if (IS_SPACE.test(line[i]!)) return i;
  return -1;
}
