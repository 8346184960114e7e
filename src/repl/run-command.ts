// Runs one command typed at the prompt: guards, reconnect, the reply streamed through the command pipeline, Ctrl-C
// abandonment, SUBSCRIBE/MONITOR streams, timing, and pushes where redis-cli prints them.
import type { CommandCatalog } from '../commands/catalog.js';
import { CommandFlags } from '../commands/command-flags.js';
import { asciiUpper, wordText } from '../commands/command-words.js';
import { dangerReason } from '../commands/dangerous.js';
import { repeatsAfterRefusal, streamKind, type StreamKind } from '../commands/stream-commands.js';
import { followStream, streamFailure } from '../modes/reply-stream.js';
import type { Output } from '../output/fd-output.js';
import { PagerGate } from '../output/pager-gate.js';
import { ReplyPrinter } from '../output/reply-printer.js';
import { CommandPipeline } from '../session/command-pipeline.js';
import type { Session } from '../session/session.js';
import type { PrintSettings } from '../settings/settings.js';

export interface CommandRunnerOptions {
  print: PrintSettings;
  showPushes: boolean;
  timing: boolean;
  readOnly: boolean;
  /** Ask before dangerous commands (--confirm, or an ElastiCache primary). */
  confirm: boolean;
  /** The command that pages replies taller than the terminal; undefined: none. */
  pager?: string;
  /** The pager's environment (no secrets in it). */
  childEnv: Record<string, string>;
  /** How long a subscription looks for its node again after losing it (cluster mode, a -g primary). */
  failoverWaitMs: number;
}

export interface RunnerIO {
  out: Output;
  warn(line: string): void;
  /** Calls handler when the user presses Ctrl-C (while a command runs); the returned function stops listening. */
  onInterrupt(handler: () => void): () => void;
  /** Yes/no question on the terminal. */
  ask(question: string): Promise<boolean>;
  /** The terminal's size when stdout is one (the pager is for terminals only). */
  screen(): { rows: number; cols: number } | undefined;
}

/** What running a command came to: a stream the server refused is repeated differently (runRepeated). */
type RunOutcome = 'sent' | 'not-sent' | 'stream-refused';

const upperName = (argv: Buffer[]) => argv.slice(0, 2).map((a) => asciiUpper(wordText(a))).join(' ');

export class CommandRunner {
  private busy = false;
  private readonly printer: ReplyPrinter;
  private readonly pipeline: CommandPipeline;
  private readonly flags = new CommandFlags();
  private pagerOn = true;
  private pushesFrom = -1;

  constructor(private readonly session: Session, private readonly catalog: () => CommandCatalog | undefined, private readonly o: CommandRunnerOptions, private readonly io: RunnerIO) {
    this.printer = new ReplyPrinter(io.out, o.print, { warn: io.warn, announceRedirects: true });
    this.pipeline = new CommandPipeline(session, this.printer);
    if (o.showPushes) session.onPush = (reply) => this.printer.push(reply, this.busy && this.pipeline.backlog > 0);
  }

  /** Call after every (re)connect: redis-cli loses the pushes it had not read with their connection. */
  attach(): void {
    if (this.session.connection !== this.pushesFrom) this.printer.dropHeldPushes();
    this.pushesFrom = this.session.connection;
  }

  /** `:set pager on|off`. */
  usePager(on: boolean): void {
    this.pagerOn = on;
  }

  /** Runs argv once; false when the command could not be sent (not connected), to stop a repeat. */
  async run(argv: Buffer[]): Promise<boolean> {
    return (await this.runAs(argv, streamKind(argv))) !== 'not-sent';
  }

  /**
   * Runs argv `repeat` times (the `3 INCR x` prefix) until one cannot be sent; a stream the server refused goes on as
   * redis-cli's does (repeatsAfterRefusal), as a plain command.
   */
  async runRepeated(argv: Buffer[], repeat: number): Promise<void> {
    let stream = streamKind(argv);
    for (let i = 0; i < repeat; i++) {
      const outcome = await this.runAs(argv, stream);
      if (outcome === 'not-sent' || (outcome === 'stream-refused' && !repeatsAfterRefusal(stream!))) return;
      if (outcome === 'stream-refused') stream = undefined;
    }
  }

  private async runAs(argv: Buffer[], stream: StreamKind | undefined): Promise<RunOutcome> {
    try {
      const outcome = await this.runOnce(argv, stream);
      return outcome === true ? 'sent' : outcome === false ? 'not-sent' : outcome;
    } finally {
      this.busy = false;
      this.io.out.flush();
    }
  }

  private async runOnce(argv: Buffer[], stream: StreamKind | undefined): Promise<boolean | 'stream-refused'> {
    if (this.o.readOnly && this.catalog()?.hasFlag(argv, 'write')) {
      this.io.out.write(`(error) eredis: --read-only refuses '${argv[0]!.toString('utf8')}', a write command; it was not sent\n`);
      return true;
    }
    const reason = this.o.confirm ? dangerReason(argv) : undefined;
    if (reason && !(await this.io.ask(`${upperName(argv)}: ${reason}. Send it to ${this.session.address}?`))) {
      this.io.out.write('(not sent)\n');
      return true;
    }
    const dropped = this.session.takeIdleLoss();
    if (dropped) {
      // Like redis-cli, learn that the server went away while idle when the next command fails; reconnect after.
      this.io.warn(`Error: ${dropped.message}`);
      return false;
    }
    if (!this.session.connected) {
      if (!(await this.session.ensureConnected())) return false;
      this.attach();
    }
    this.busy = true;
    if (stream) return this.runStream(argv);
    const started = performance.now();
    const gate = this.pagerGate();
    if (gate) this.printer.printTo(gate);
    const interrupted = await this.untilInterrupt(() => {
      this.pipeline.commandArgv(argv, this.flags.of(argv));
      this.pipeline.flush();
      return this.pipeline.drained();
    }, () => gate?.paging === true);
    if (interrupted) {
      // At once, while replies still go where this one went (the pager or stdout): it is taken back from there, and
      // its connection closed before another byte of it arrives.
      this.pipeline.abandon();
      this.session.abandon();
    }
    const paged = gate?.paging === true || gate?.paged === true;
    if (gate) {
      await gate.finish();
      this.printer.printTo(this.io.out);
    }
    if (interrupted) {
      await this.recover();
      return true;
    }
    // A paged reply's time is the reader's as much as the server's: no timing line for it.
    const elapsed = (performance.now() - started) / 1000;
    if (this.o.timing && !paged && elapsed >= 0.5 && this.session.connected) this.io.out.write(`(${elapsed.toFixed(2)}s)\n`);
    return true;
  }

  /** SUBSCRIBE/MONITOR: print every message until Ctrl-C, then leave the stream on a fresh connection. */
  private async runStream(argv: Buffer[]): Promise<true | 'stream-refused'> {
    const started = performance.now();
    let stop = () => undefined as void;
    const stopped = new Promise<void>((resolve) => { stop = this.io.onInterrupt(() => resolve()); });
    const end = await followStream(this.session, argv, this.printer, this.io, this.o.failoverWaitMs, stopped).finally(() => stop());
    if (end.kind === 'error-reply') return 'stream-refused';
    const failed = streamFailure(end);
    if (failed) {
      this.session.disconnect();
      this.io.warn(failed);
    } else if (end.kind === 'stopped' && streamKind(argv) === 'pubsub') {
      await this.recover();
    } else if (end.kind === 'stopped') {
      // redis-cli ends MONITOR on Ctrl-C with its timing line, right after the terminal's ^C.
      const elapsed = (performance.now() - started) / 1000;
      this.io.out.write(this.o.timing ? `(${elapsed.toFixed(2)}s)\n` : '\n');
      await this.recover(false);
    }
    return true;
  }

  /**
   * The pager for this reply (psql's behaviour): output is kept back while it fits the screen, and a reply taller than
   * the terminal streams into the pager; quitting it drops the rest of that reply, not the connection.
   */
  private pagerGate(): PagerGate | undefined {
    const screen = this.io.screen();
    if (!this.pagerOn || !this.o.pager || !screen) return undefined;
    return new PagerGate(this.io.out, {
      command: this.o.pager, env: this.o.childEnv, ...screen,
      pause: (on) => this.session.pause(on),
      quit: () => this.session.skipRestOfReply(),
    });
  }

  /** Runs `work` until it settles or the user presses Ctrl-C (unless `ignore` says it is not ours); true when interrupted. */
  private async untilInterrupt(work: () => Promise<void>, ignore: () => boolean = () => false): Promise<boolean> {
    let stop = () => undefined as void;
    const interrupted = new Promise<boolean>((resolve) => { stop = this.io.onInterrupt(() => { if (!ignore()) resolve(true); }); });
    try {
      return await Promise.race([work().then(() => false), interrupted]);
    } finally {
      stop();
    }
  }

  /** After Ctrl-C: the reply is abandoned with its connection; a new one restores AUTH, db and protocol. */
  private async recover(newline = true): Promise<void> {
    if (newline) this.io.out.write('\n');
    this.session.abandon();
    if (await this.session.ensureConnected()) this.attach();
  }
}
