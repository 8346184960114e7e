// --askpass: a masked prompt on a terminal (like redis-cli's linenoise mask mode), one plain line otherwise.
import { readSync } from 'node:fs';

/** Reads one line from stdin byte by byte, so whatever follows stays for the batch reader. */
export function readLineFromStdin(): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, one, 0, 1, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      break;
    }
    if (n === 0 || one[0] === 0x0a) break;
    bytes.push(one[0]);
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r$/, '');
}

/** Asks for a password, echoing '*' per character; Ctrl-C resolves undefined (the caller exits). */
export function askPassword(prompt: string, stdinIsTTY: boolean): Promise<string | undefined> {
  if (!stdinIsTTY) return Promise.resolve(readLineFromStdin());
  return new Promise((resolve) => {
    const stdin = process.stdin;
    let typed = '';
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    const finish = (value: string | undefined) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stdout.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\x03') return finish(undefined);
        if (ch === '\x7f' || ch === '\b') {
          if (typed.length > 0) { typed = [...typed].slice(0, -1).join(''); process.stdout.write('\b \b'); }
        } else if (ch >= ' ') {
          typed += ch;
          process.stdout.write('*');
        }
      }
    };
    stdin.on('data', onData);
  });
}
