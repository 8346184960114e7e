// --ldb / --ldb-sync-mode with --eval: redis-cli's evalMode and repl() around the server's Lua debugger.
import { isatty } from 'node:tty';
import { word } from '../commands/command-words.js';
import { isSensitiveCommand } from '../commands/sensitive.js';
import { parseRepeatPrefix, splitArgs } from '../commands/split-args.js';
import { helpCommand, localCommand } from '../modes/local-commands.js';
import { ArgvError, commandArgv, evalArgv } from '../modes/stdin-args.js';
import { ConnectionLostError } from '../util/connection-errors.js';
import type { ModeIO } from '../output/fd-output.js';
import type { Reply } from '../resp/types.js';
import type { Session } from '../session/session.js';
import type { Settings } from '../settings/settings.js';
import { loadCatalog } from '../commands/load-catalog.js';
import type { CommandCatalog } from '../commands/catalog.js';
import { completions } from './completer.js';
import { hintFor } from './hints.js';
import { History } from './history-file.js';
import { LineEditor } from './line-editor.js';
import { ldbReplyBytes, type LdbPrintState } from './ldb-format.js';
import { buildPrompt } from './prompt.js';
import { replIO } from './repl-io.js';
import { CommandRunner } from './run-command.js';

const BANNER = 'Lua debugging session started, please use:\nquit    -- End the session.\n'
  + 'restart -- Restart the script in debug mode again.\nhelp    -- Show Lua script debugging commands.\n\n';

/** cliSplitArgs: while debugging, `e <code>` / `eval <code>` keep the rest of the line as one argument. */
export function ldbSplit(line: string, debugging: boolean): Buffer[] | null {
  if (debugging && (line.startsWith('eval ') || line.startsWith('e '))) {
    const cut = line[1] === ' ' ? 2 : 5;
    return [Buffer.from(line.slice(0, cut - 1)), Buffer.from(line.slice(cut))];
  }
  return splitArgs(Buffer.from(line, 'utf8'));
}

class LdbSession {
  readonly state: LdbPrintState;
  private readonly editor: LineEditor;
  private readonly history: History;
  private readonly runner: CommandRunner;
  /** Loaded when the debugging session ends (redis-cli's cliInitHelp): help, hints and completion from then on. */
  private catalog?: CommandCatalog;
  /** The server closed the connection after the session (found out by COMMAND DOCS): reconnect before the next command. */
  private reconnectQuietly = false;
  private hints = true;

  constructor(private session: Session, private readonly s: Settings & { sync: boolean }, private readonly io: ModeIO) {
    this.state = {
      debugging: true, ended: false, mode: s.print.mode, colors: s.colorTerm,
      bulkDelimiter: s.print.bulkDelimiter, replyDelimiter: s.print.replyDelimiter,
    };
    const rio = replIO(io.out, io.warn);
    // As redis-cli: history (and its file) only when stdin is a terminal.
    this.history = new History(isatty(0) ? s.historyFile : undefined, io.warn);
    this.editor = new LineEditor({
      input: rio.input, output: rio.output, history: this.history, dumbTerminal: s.dumbTerminal,
      complete: (line) => (this.catalog ? completions(line, this.catalog) : []),
      hint: (line) => (this.catalog && this.hints ? hintFor(line, this.catalog) : undefined),
    });
    const print = { ...s.print, mode: 'tty' as const };
    const options = {
      print, showPushes: s.showPushes, timing: s.timing, readOnly: s.readOnly, confirm: s.confirm, failoverWaitMs: s.failoverWaitMs,
      childEnv: s.childEnv,
    };
    this.runner = new CommandRunner(session, () => this.catalog, options, rio);
  }

  private print(reply: Reply): void {
    this.io.out.write(ldbReplyBytes(reply, this.state));
    this.io.out.flush();
  }

  /** Sends argv and prints its reply; after <endsession> also the EVAL's own reply and the closing line. */
  private async send(argv: Buffer[]): Promise<boolean> {
    let reply: Reply;
    try {
      if (!this.session.connected && !(await this.session.ensureConnected())) return false;
      reply = await this.session.execute(argv);
    } catch (err) {
      if (!(err instanceof ConnectionLostError)) throw err;
      this.io.warn(`Error: ${err.message}`);
      this.session.disconnect();
      return false;
    }
    this.print(reply);
    if (this.state.ended) await this.finish();
    return true;
  }

  /** The session ended: print the EVAL's final reply (TTY format) and redis-cli's closing line. */
  private async finish(): Promise<void> {
    this.state.ended = false;
    const final = await this.session.nextReply().catch(() => undefined);
    if (final) this.print(final);
    this.io.out.write(`\n(Lua debugging session ended${this.s.sync ? '' : ' -- dataset changes rolled back'})\n\n`);
    this.io.out.flush();
    // cliInitHelp: COMMAND DOCS on the same connection. After an async session the server has closed it; like
    // redis-cli, notice that here and reconnect quietly on the next command.
    const session = this.session;
    this.catalog = await loadCatalog(session.connected ? (argv) => session.execute(argv, { asIs: true }) : undefined);
    this.reconnectQuietly = !session.connected;
  }

  /** evalMode: banner, SCRIPT DEBUG, EVAL, then the debugger prompt; `restart` starts over on a new connection. */
  async run(): Promise<number> {
    try {
      for (;;) {
        this.io.out.write(BANNER);
        let argv: Buffer[];
        try {
          argv = evalArgv(this.s.eval!, commandArgv(this.s.command, this.s.quotedInput));
        } catch (err) {
          if (!(err instanceof ArgvError)) throw err;
          this.io.warn(err.message);
          return 1;
        }
        const debug = ['SCRIPT', 'DEBUG', this.s.sync ? 'sync' : 'yes'].map((w) => Buffer.from(w));
        await this.session.execute(debug).catch(() => undefined);
        const reply = await this.session.execute(argv).catch((err: unknown) => {
          if (err instanceof ConnectionLostError) return undefined;
          throw err;
        });
        if (!reply) return this.io.warn('Error: Server closed the connection'), 1;
        if (this.s.exitOnError && reply.type === 'error') return this.io.warn(reply.value.toString('latin1')), 1;
        this.print(reply);
        if (!this.state.debugging) {
          // The script did not compile: the error follows <endsession>.
          this.io.out.write("Eval debugging session can't start:\n");
          const error = await this.session.nextReply().catch(() => undefined);
          if (error && this.s.exitOnError && error.type === 'error') return this.io.warn(error.value.toString('latin1')), 1;
          if (error) this.print(error);
          return 0;
        }
        if ((await this.repl()) !== 'restart') return 0;
        this.state.debugging = true;
        this.state.mode = 'raw';
        try {
          await this.session.connect();
        } catch (err) {
          this.session.disconnect();
          this.session.reportConnectError(err);
        }
        this.io.out.write('\n');
      }
    } finally {
      this.editor.close();
      this.io.out.flush();
    }
  }

  private prompt(): string {
    // redis-cli keeps its context (and so its prompt) until a command fails.
    if (!this.session.connected && !this.reconnectQuietly) return 'not connected> ';
    if (this.state.debugging) return 'lua debugger> ';
    const t = this.session.endpoint;
    const { db, inMulti } = this.session.state;
    return buildPrompt({ connected: true, host: t.host, port: t.port, socket: t.socket, db, inMulti });
  }

  /** redis-cli's repl() during (and after) the debugging session; 'restart' or 'exit'. */
  private async repl(): Promise<'restart' | 'exit'> {
    for (;;) {
      const read = await this.editor.readLine(this.prompt());
      if (read.kind !== 'line') return 'exit'; // linenoise returns NULL on Ctrl-C and Ctrl-D alike
      if (read.line === '') continue;
      const words = ldbSplit(read.line, this.state.debugging);
      if (words === null) {
        this.history.add(read.line);
        this.io.out.write('Invalid argument(s)\n');
        this.io.out.flush();
        continue;
      }
      if (words.length === 0) continue;
      const prefix = parseRepeatPrefix(words);
      if ('error' in prefix) {
        this.io.out.write(`${prefix.error}\n`);
        this.io.out.flush();
        continue;
      }
      if (!isSensitiveCommand(prefix.argv)) this.history.add(read.line);
      if (word(words) === 'restart') return 'restart';
      const local = localCommand(words) ?? (this.state.debugging ? undefined : helpCommand(prefix.argv));
      if (local) {
        // `help` after the session reads the catalog; `:set hints|nohints` switches the hints.
        const ctx = {
          session: this.session, write: (t: string) => this.io.out.write(t), warn: this.io.warn,
          catalog: async () => (this.catalog ??= await loadCatalog(undefined)),
          setHints: (on: boolean) => { this.hints = on; },
        };
        const outcome = await local.run(ctx);
        this.io.out.flush();
        if (outcome === 'exit') return 'exit';
        continue;
      }
      if (this.reconnectQuietly) {
        this.reconnectQuietly = false;
        this.session.disconnect();
      }
      for (let i = 0; i < prefix.repeat; i++) {
        const sent = this.state.debugging ? await this.send(prefix.argv) : await this.runner.run(prefix.argv);
        if (!sent) break;
      }
    }
  }
}

/** Runs the debugger session; the exit code is redis-cli's (0 unless the EVAL could not be sent). */
export async function runLdb(session: Session, s: Settings, io: ModeIO): Promise<number> {
  const sync = s.serverMode?.kind === 'ldb' && s.serverMode.sync;
  return new LdbSession(session, { ...s, sync }, io).run();
}
