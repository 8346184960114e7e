// Runs one command typed at the prompt: guards, reconnect, Ctrl-C abandonment, streams, timing, redis-cli's output.
import { asciiUpper, isShutdown, wordText } from '../commands/command-words.js';
import { ConnectionLostError } from '../net/connection.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import type { Output } from '../output/fd-output.js';
import { replyBytes, pushBytes } from '../output/reply-printer.js';
import type { PrintSettings } from '../settings/settings.js';
import { streamKind } from '../commands/stream-commands.js';
import type { CommandCatalog } from '../commands/catalog.js';
import { dangerReason } from '../commands/dangerous.js';

export interface CommandRunnerOptions {
  print: PrintSettings;
  showPushes: boolean;
  timing: boolean;
  readOnly: boolean;
  /** Ask before dangerous commands (--confirm, or an ElastiCache primary). */
  confirm: boolean;
}

export interface RunnerIO {
  out: Output;
  warn(line: string): void;
  /** Resolves when the user presses Ctrl-C (while a command runs); the returned function stops listening. */
  onInterrupt(handler: () => void): () => void;
  /** Yes/no question on the terminal. */
  ask(question: string): Promise<boolean>;
}

type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'lost'; error: ConnectionLostError } | { kind: 'interrupted' };

const upperName = (argv: Buffer[]) => argv.slice(0, 2).map((a) => asciiUpper(wordText(a))).join(' ');

export class CommandRunner {
  /** Pushes that arrived while the prompt was shown; printed before the next reply, as redis-cli reads them then. */
  private pendingPushes: Reply[] = [];

  constructor(private readonly session: Session, private readonly catalog: () => CommandCatalog | undefined, private readonly o: CommandRunnerOptions, private readonly io: RunnerIO) {}

  /** Attaches the push handler to the current connection (call after every (re)connect). */
  attach(): void {
    const conn = this.session.conn;
    if (conn && this.o.showPushes) conn.onPush = (reply) => this.pendingPushes.push(reply);
  }

  /** Runs argv once; false when the command could not be sent (not connected), to stop a repeat. */
  async run(argv: Buffer[]): Promise<boolean> {
    try {
      return await this.runOnce(argv);
    } finally {
      this.io.out.flush();
    }
  }

  private async runOnce(argv: Buffer[]): Promise<boolean> {
    if (this.o.readOnly && this.catalog()?.hasFlag(argv, 'write')) {
      this.io.out.write(`(error) eredis: --read-only refuses '${argv[0].toString('utf8')}', a write command; it was not sent\n`);
      return true;
    }
    const reason = this.o.confirm ? dangerReason(argv) : undefined;
    if (reason && !(await this.io.ask(`${upperName(argv)}: ${reason}. Send it to ${this.session.address}?`))) {
      this.io.out.write('(not sent)\n');
      return true;
    }
    const dropped = this.session.conn?.lostReason;
    if (dropped) {
      // Like redis-cli, learn that the server went away while idle when the next command fails; reconnect after.
      this.session.close();
      this.io.warn(`Error: ${dropped.message}`);
      return false;
    }
    if (!this.session.connected) {
      if (!(await this.session.ensureConnected())) return false;
      this.attach();
    }
    const stream = streamKind(argv);
    if (stream) return this.runStream(argv, stream === 'pubsub');
    const started = performance.now();
    const outcome = await this.sendAbortable(() => this.session.execute(argv));
    this.flushPushes();
    if (outcome.kind === 'reply') {
      this.io.out.write(replyBytes(outcome.reply, argv, this.o.print));
      const elapsed = (performance.now() - started) / 1000;
      if (this.o.timing && elapsed >= 0.5) this.io.out.write(`(${elapsed.toFixed(2)}s)\n`);
    } else if (outcome.kind === 'lost') {
      this.session.close();
      if (outcome.error.protocol || !isShutdown(argv)) this.io.warn(`Error: ${outcome.error.message}`);
    } else {
      await this.recover();
    }
    return true;
  }

  /** SUBSCRIBE/MONITOR: print every message until Ctrl-C, then leave the stream on a fresh connection. */
  private async runStream(argv: Buffer[], pubsub: boolean): Promise<boolean> {
    const conn = this.session.conn!;
    const started = performance.now();
    if (pubsub && this.o.print.mode !== 'raw') this.io.out.write('Reading messages... (press Ctrl-C to quit)\n');
    if (pubsub) conn.pushesAsReplies = true;
    let outcome = await this.sendAbortable(() => this.session.execute(argv));
    while (outcome.kind === 'reply') {
      this.io.out.write(replyBytes(outcome.reply, argv, this.o.print));
      this.io.out.flush();
      if (outcome.reply.type === 'error') return true;
      outcome = await this.sendAbortable(() => conn.nextUnsolicited());
    }
    if (outcome.kind === 'lost') {
      this.session.close();
      this.io.warn(`Error: ${outcome.error.message}`);
    } else if (pubsub) {
      await this.recover();
    } else {
      // redis-cli ends MONITOR on Ctrl-C with its timing line, right after the terminal's ^C.
      const elapsed = (performance.now() - started) / 1000;
      this.io.out.write(this.o.timing ? `(${elapsed.toFixed(2)}s)\n` : '\n');
      await this.recover(false);
    }
    return true;
  }

  /** Waits for a reply, or for Ctrl-C, or for the connection to break. */
  private async sendAbortable(send: () => Promise<Reply>): Promise<Outcome> {
    let stop: () => void = () => undefined;
    const interrupted = new Promise<Outcome>((resolve) => { stop = this.io.onInterrupt(() => resolve({ kind: 'interrupted' })); });
    try {
      return await Promise.race([
        send().then((reply): Outcome => ({ kind: 'reply', reply }), (error): Outcome => {
          if (error instanceof ConnectionLostError) return { kind: 'lost', error };
          throw error;
        }),
        interrupted,
      ]);
    } finally {
      stop();
    }
  }

  /** After Ctrl-C: the reply is abandoned with its connection; a new one restores AUTH, db and protocol. */
  private async recover(newline = true): Promise<void> {
    if (newline) this.io.out.write('\n');
    this.session.close();
    if (await this.session.ensureConnected()) this.attach();
  }

  private flushPushes(): void {
    for (const push of this.pendingPushes.splice(0)) this.io.out.write(pushBytes(push, this.o.print));
  }
}
