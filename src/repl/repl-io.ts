// The REPL's terminal: stdin/stdout streams, Ctrl-C while a command runs, and yes/no confirmations.
import type { Output } from '../output/fd-output.js';
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
    async ask(question) {
      const { confirm } = await import('@inquirer/prompts');
      try {
        return await confirm({ message: question, default: false });
      } catch {
        return false;
      }
    },
  };
}
