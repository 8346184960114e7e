// Test driver for the line editor: a LineEditor loop with the shell's completer and hints, echoing `=> <line>` per line.
// Usage: line-editor-driver [--prompt TEXT] [--history LINE]...   (in a tty, e.g. test/support/tty.ts)
import { execFileSync } from 'node:child_process';
import { CommandCatalog } from '../../src/commands/catalog.js';
import { completions } from '../../src/repl/completer.js';
import { hintFor } from '../../src/repl/hints.js';
import { LineEditor, type LineHistory } from '../../src/repl/line-editor.js';

function parseArgs(argv: string[]): { prompt: string; history: string[] } {
  let prompt = '127.0.0.1:6379> ';
  const history: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--prompt') prompt = argv[++i] ?? prompt;
    else if (argv[i] === '--history') history.push(argv[++i] ?? '');
  }
  return { prompt, history };
}

/** In memory, no duplicates in a row: what the REPL's history does minus the file. */
class MemoryHistory implements LineHistory {
  constructor(private readonly lines: string[]) {}
  entries(): string[] {
    return this.lines;
  }
  add(line: string): void {
    if (line !== '' && this.lines[this.lines.length - 1] !== line) this.lines.push(line);
  }
}

async function main(): Promise<void> {
  const { prompt, history } = parseArgs(process.argv.slice(2));
  const hist = new MemoryHistory(history);
  // The shell's own completer and hints over the bundled (7.0) command docs, as the REPL wires them.
  const catalog = CommandCatalog.bundled();
  const editor = new LineEditor({
    input: process.stdin, output: process.stdout, history: hist,
    complete: (line) => completions(line, catalog), hint: (line) => hintFor(line, catalog),
  });
  for (;;) {
    const r = await editor.readLine(prompt);
    if (r.kind === 'eof') break;
    if (r.kind === 'interrupt') continue;
    hist.add(r.line);
    process.stdout.write(`=> ${r.line}\n`);
    // `:stty` shows whether the terminal is back in cooked mode between lines, as commands need it.
    if (r.line === ':stty') {
      const modes = execFileSync('stty', ['-a'], { stdio: ['inherit', 'pipe', 'inherit'] }).toString();
      const flags = new Set(modes.split(/[\s;]+/));
      process.stdout.write(`${['icanon', 'echo', 'isig'].map((m) => (flags.has(m) ? m : `-${m}`)).join(' ')}\n`);
    }
  }
  editor.close();
  process.stdout.write('bye\n');
}

await main();
