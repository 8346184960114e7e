// The REPL's terminal: stdin/stdout streams, Ctrl-C while a command runs, yes/no confirmations, the screen's size.
import type { Output } from '../output/fd-output.js';
import { confirmYes } from '../ui/prompts.js';
import type { ReplIO } from './repl.js';

export function replIO(out: Output, warn: (line: string) => void): ReplIO {
  return {
    out,
    warn,
    input: process.stdin,
    output: process.stdout,
    onInterrupt(handler) {
      // While a command runs the terminal is in cooked mode, so Ctrl-C arrives as SIGINT.
      process.on('SIGINT', handler);
      return () => process.removeListener('SIGINT', handler);
    },
    ask: (question) => confirmYes(question, process.stdout),
    screen: () => (process.stdout.isTTY ? { rows: process.stdout.rows || 24, cols: process.stdout.columns || 80 } : undefined),
  };
}
