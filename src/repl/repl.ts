// The interactive shell: prompt, line editing with hints and completion, history without secrets, local commands.
import type { Session } from '../session/session.js';
import type { ModeIO, Output } from '../output/fd-output.js';
import { splitArgs, parseRepeatPrefix } from '../commands/split-args.js';
import { isSensitiveCommand } from '../commands/sensitive.js';
import { buildPrompt } from './prompt.js';
import { History } from './history-file.js';
import { replIO } from './repl-io.js';
import { LineEditor } from './line-editor.js';
import { ShellAssist } from './shell-assist.js';
import { KeyCompletion } from './key-completion.js';
import { KeyScanner } from './key-scan.js';
import { GroupCommands, type ShellGroup } from './group-commands.js';
import { CommandRunner, type CommandRunnerOptions, type RunnerIO } from './run-command.js';
import { helpCommand, localCommand } from '../modes/local-commands.js';
import { LiveCatalog } from '../commands/load-catalog.js';

export interface ReplOptions extends CommandRunnerOptions {
  /** The host as typed (-h), shown in the prompt. */
  displayHost: string;
  /** A terminal without cursor control (TERM=dumb...): plain prompt and line reads, as linenoise does. */
  dumbTerminal: boolean;
  /** The -g group, for `:nodes` and `:connect` (undefined without -g: they then say so). */
  cacheGroup?: ShellGroup;
}

export interface ReplIO extends Omit<RunnerIO, 'out'> {
  out: Output;
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

export interface ShellOptions extends ReplOptions {
  /** Where history is kept (Settings.historyFile); undefined keeps it in memory only. */
  historyFile?: string;
}

/** The interactive shell on this process's terminal. */
export async function runShell(session: Session, o: ShellOptions, io: ModeIO): Promise<number> {
  const history = new History(o.historyFile, io.warn);
  return runRepl(session, history, o, replIO(io.out, io.warn));
}

/** Runs the shell until quit/exit or Ctrl-D; returns the exit code. */
async function runRepl(session: Session, history: History, o: ReplOptions, io: ReplIO): Promise<number> {
  await session.ensureConnected();
  // The prompt comes first: the bundled docs serve until the server's arrive, then the line is drawn again.
  let editor: LineEditor | undefined;
  const docs = new LiveCatalog(session.connected ? (argv) => session.execute(argv, { asIs: true }) : undefined, () => editor?.redraw());
  const catalog = () => docs.current;
  let hints = true;
  const runner = new CommandRunner(session, catalog, o, io);
  runner.attach();
  const localContext = {
    session, write: (t: string) => io.out.write(t), warn: io.warn,
    catalog: () => docs.loaded, setHints: (on: boolean) => { hints = on; }, setPager: (on: boolean) => runner.usePager(on),
  };
  const groupIO = { write: localContext.write, warn: io.warn, color: io.output.isTTY === true };
  const group = new GroupCommands(session, o.cacheGroup, groupIO);
  const scanner = new KeyScanner(session);
  const keys = new KeyCompletion(catalog, (prefix) => scanner.scan(prefix));
  const assist = new ShellAssist({
    catalog, keys, members: { known: () => group.knownMembers(), lookup: () => group.lookupMembers() },
  });
  editor = new LineEditor({
    input: io.input,
    output: io.output,
    history,
    complete: (line) => assist.complete(line),
    completeLater: (line) => assist.later(line),
    hint: (line) => (hints ? assist.hint(line) : undefined),
    dumbTerminal: o.dumbTerminal,
  });

  try {
    for (;;) {
      const at = session.endpoint;
      const prompt = buildPrompt({
        connected: session.connected, host: at.host === o.displayHost ? o.displayHost : at.host,
        port: at.port, socket: at.socket, db: session.state.db, inMulti: session.state.inMulti,
      });
      const read = await editor.readLine(prompt);
      if (read.kind === 'eof') return 0;
      if (read.kind === 'interrupt') continue;
      const line = read.line;
      if (line.trim() === '') continue;
      const argv = splitArgs(Buffer.from(line, 'utf8'));
      if (argv === null) {
        history.add(line);
        io.out.write('Invalid argument(s)\n');
        io.out.flush();
        continue;
      }
      if (argv.length === 0) continue;
      const prefix = parseRepeatPrefix(argv);
      history.add(line, 'error' in prefix ? false : isSensitiveCommand(prefix.argv));
      if ('error' in prefix) { io.out.write(`${prefix.error}\n`); io.out.flush(); continue; }

      const local = group.command(argv) ?? localCommand(argv) ?? helpCommand(prefix.argv);
      if (local) {
        const outcome = await local.run(localContext);
        io.out.flush();
        if (outcome === 'exit') return 0;
        runner.attach();
        continue;
      }
      const command = prefix.argv;
      keys.remember(command);
      await runner.runRepeated(command, prefix.repeat);
    }
  } finally {
    editor.close();
    scanner.close();
  }
}
