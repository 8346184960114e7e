// The shell's output for one reply: kept back while it fits on the screen, then, once it is taller than the terminal,
// handed to a pager (less -FRX, $PAGER...) as it streams in, with back-pressure; quitting the pager drops the rest.
import { spawn, type ChildProcess } from 'node:child_process';
import { ByteSink } from '../format/index.js';
import type { Output } from './fd-output.js';

export interface PagerOptions {
  /** The shell command that pages its stdin (run with `sh -c`). */
  command: string;
  /** Its environment (no secrets in it). */
  env: Record<string, string>;
  rows: number;
  cols: number;
  /** The socket must stop (true) or may go on (false) being read: the pager is behind. */
  pause(on: boolean): void;
  /** The pager quit before the reply was complete: the rest of it is not wanted. */
  quit(): void;
}

export class PagerGate implements Output {
  readonly sink: ByteSink;
  private held: Buffer[] = [];
  private rows = 0;
  private col = 0;
  private pager: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private gone = false;

  constructor(private readonly stdout: Output, private readonly o: PagerOptions) {
    this.sink = new ByteSink((bytes) => this.take(bytes));
  }

  /** Whether a pager has the terminal now (Ctrl-C is its business then, not the shell's). */
  get paging(): boolean {
    return this.pager !== undefined && !this.gone;
  }

  /** Whether the reply went to a pager at all. */
  get paged(): boolean {
    return this.pager !== undefined;
  }

  write(bytes: string): void {
    this.sink.latin1(bytes);
  }

  flush(): void {
    // Output goes out at the end of the reply (finish), or to the pager as soon as there is one.
    if (this.pager) this.sink.flush();
  }

  /** The reply is complete: what was kept back goes to the terminal, or the pager gets its end and is waited for. */
  async finish(): Promise<void> {
    this.sink.flush();
    if (!this.pager) {
      for (const part of this.held) this.stdout.write(part.toString('latin1'));
      this.held = [];
      this.stdout.flush();
      return;
    }
    if (!this.gone) this.pager.stdin!.end();
    await this.exited;
  }

  private take(bytes: Buffer): void {
    if (this.pager) {
      this.toPager(bytes);
      return;
    }
    this.held.push(Buffer.from(bytes));
    this.count(bytes);
    if (this.rows >= this.o.rows - 1) this.startPager();
  }

  /** Screen rows the bytes take, lines that are too wide wrapping. */
  private count(bytes: Buffer): void {
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x0a) {
        this.rows++;
        this.col = 0;
      } else if (++this.col > this.o.cols) {
        this.rows++;
        this.col = 1;
      }
    }
  }

  private startPager(): void {
    this.stdout.flush();
    const pager = spawn('sh', ['-c', this.o.command], { stdio: ['pipe', 'inherit', 'inherit'], env: this.o.env });
    this.pager = pager;
    this.exited = new Promise((resolve) => pager.once('close', () => resolve()));
    pager.once('close', () => this.left());
    pager.once('error', () => this.left());
    pager.stdin!.on('error', () => this.left()); // EPIPE: it quit while we wrote
    const held = this.held;
    this.held = [];
    for (const part of held) this.toPager(part);
  }

  private toPager(bytes: Buffer): void {
    if (this.gone) return;
    if (!this.pager!.stdin!.write(Buffer.from(bytes))) {
      this.o.pause(true);
      this.pager!.stdin!.once('drain', () => this.o.pause(false));
    }
  }

  private left(): void {
    if (this.gone) return;
    this.gone = true;
    this.o.pause(false);
    this.o.quit();
  }
}
