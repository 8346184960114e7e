// Test driver for the line editor: a LineEditor loop with a fixed completer and hinter, echoing `=> <line>` per line.
// Usage: line-editor-driver [--prompt TEXT] [--history LINE]... [--hints-7.0]   (in a tty, e.g. test/support/tty.ts)
import { execFileSync } from 'node:child_process';
import { LineEditor, type LineHistory } from '../../src/repl/line-editor.js';

const CANDIDATES = ['GET', 'GETBIT', 'GETDEL', 'SET'];

function parseArgs(argv: string[]): { prompt: string; history: string[]; hints70: boolean } {
  let prompt = '127.0.0.1:6379> ';
  const history: string[] = [];
  let hints70 = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--prompt') prompt = argv[++i] ?? prompt;
    else if (argv[i] === '--history') history.push(argv[++i] ?? '');
    else if (argv[i] === '--hints-7.0') hints70 = true;
  }
  return { prompt, history, hints70 };
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

/** Case-insensitive prefix of the whole line, like redis-cli's completionCallback. */
function complete(line: string): string[] {
  return CANDIDATES.filter((c) => c.toLowerCase().startsWith(line.toLowerCase()));
}

/** redis-cli 7.4's GET / GETDEL hint: `key` until the key has been typed and followed by a space. */
function hint(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  const endSpace = /\s$/.test(line);
  if (!['get', 'getdel'].includes(words[0]!.toLowerCase())) return undefined;
  const typedArgs = endSpace ? words.length - 1 : words.length - 2;
  return typedArgs === 0 ? 'key' : undefined;
}

/** The params strings redis-cli 7.0 shows (from COMMAND DOCS) for the few commands the comparison tests type. */
const PARAMS_70: Record<string, string> = {
  GET: 'key',
  GETDEL: 'key',
  SET: 'key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]',
};

/** redis-cli 7.0's hintsCallback (the redis-cli installed here): params minus one word per typed argument. */
function hint70(line: string): string | undefined {
  const argv = line.split(/\s+/).filter((w) => w !== '');
  let hint = argv.length > 0 ? PARAMS_70[argv[0]!.toUpperCase()] : undefined;
  if (hint === undefined) return undefined;
  for (let toremove = argv.length - 1; toremove > 0 && hint.length > 0 && hint[0] !== '[';) {
    if (hint[0] === ' ') toremove--;
    hint = hint.slice(1);
  }
  return hint;
}

async function main(): Promise<void> {
  const { prompt, history, hints70 } = parseArgs(process.argv.slice(2));
  const hist = new MemoryHistory(history);
  const editor = new LineEditor({
    input: process.stdin, output: process.stdout, history: hist, complete, hint: hints70 ? hint70 : hint,
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
