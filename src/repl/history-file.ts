// The REPL history: in memory for arrow-up, on disk (mode 0600) only for lines that carry no secret.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_ENTRIES = 1000;

export class History {
  private readonly lines: string[] = [];
  /** Per entry: true when it must never be written to disk. */
  private readonly secretFlags: boolean[] = [];

  constructor(private path: string | undefined, private readonly onError: (message: string) => void) {
    if (!path) return;
    try {
      for (const line of readFileSync(path, 'utf8').split('\n')) if (line !== '') this.push(line, false);
    } catch {
      // No history yet.
    }
  }

  entries(): string[] {
    return this.lines;
  }

  /** Adds a line; a sensitive one stays in memory only and does not rewrite the file (redis-cli 7.4). */
  add(line: string, sensitive = false): void {
    if (line === '' || this.lines[this.lines.length - 1] === line) return;
    this.push(line, sensitive);
    if (!sensitive) this.save();
  }

  private push(line: string, sensitive: boolean): void {
    this.lines.push(line);
    this.secretFlags.push(sensitive);
    if (this.lines.length > MAX_ENTRIES) {
      this.lines.shift();
      this.secretFlags.shift();
    }
  }

  private save(): void {
    if (!this.path) return;
    const text = this.lines.filter((_, i) => !this.secretFlags[i]).map((l) => `${l}\n`).join('');
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      writeFileSync(this.path, text, { mode: 0o600 });
      chmodSync(this.path, 0o600);
    } catch (err) {
      this.onError(`eredis: cannot write history file ${this.path}: ${(err as Error).message}`);
      this.path = undefined; // say it once, then keep history in memory only
    }
  }
}
