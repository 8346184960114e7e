// Which commands the REPL should confirm before sending, and why (data/dangerous-commands.json).
import table from '../../data/dangerous-commands.json' with { type: 'json' };
import { asciiUpper, wordText as text } from './command-words.js';

/** Upper-case `NAME` or `NAME SUBCOMMAND` -> reason. */
const REASONS = new Map<string, string>(Object.entries(table.commands as Record<string, string>));


/**
 * The reason `argv` (the command line after any repeat prefix) needs a confirmation, or undefined when it does
 * not. A subcommand entry (`CONFIG SET`) wins over its command's entry; `DEBUG` covers every DEBUG subcommand.
 */
export function dangerReason(argv: ReadonlyArray<string | Buffer>): string | undefined {
  if (argv.length === 0) return undefined;
  const name = asciiUpper(text(argv[0]!));
  if (argv.length >= 2) {
    const sub = REASONS.get(`${name} ${asciiUpper(text(argv[1]!))}`);
    if (sub !== undefined) return sub;
  }
  return REASONS.get(name);
}
