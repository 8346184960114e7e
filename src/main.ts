// Composition root: argv -> options -> settings -> TLS -> session -> mode. The only place that reads process state or exits.
import { parseArgs, PASSWORD_WARNING, UsageError, type CliOptions } from './cli/args.js';
import { renderHelp } from './cli/help.js';
import { UriError } from './target/uri.js';
import { resolveSettings, type Settings } from './settings.js';
import { prepareTls, TlsConfigError, type TlsConfig } from './net/tls.js';
import { Session } from './session/session.js';
import { fdOutput, errorLine } from './io/output.js';
import { askPassword } from './ui/ask-password.js';
import { runOneShot, type ModeIO } from './modes/one-shot.js';
import { runBatch } from './modes/batch.js';
import { runPipe } from './modes/pipe.js';
import { ArgvError, commandArgv, evalArgv, readAllStdin, withStdinArgument } from './modes/stdin-args.js';
import { VERSION } from './version.js';

const out = fdOutput(1, () => process.exit(0));
const err = fdOutput(2, () => undefined);
const warn = (line: string) => errorLine(err, out, line);
const io: ModeIO = { out, warn };

async function main(argv: string[]): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UriError) { warn(e.message); return 1; }
    throw e;
  }
  if (opts.help) { out.write(renderHelp()); return 0; }
  if (opts.version) { out.write(`eredis ${VERSION}\n`); return 0; }
  if (opts.password !== undefined && !opts.noAuthWarning) warn(PASSWORD_WARNING);

  const terminal = { stdinIsTTY: process.stdin.isTTY === true, stdoutIsTTY: process.stdout.isTTY === true };
  const settings = resolveSettings(opts, process.env, terminal);
  if (opts.askpass) {
    settings.password = await askPassword('Please input password: ', terminal.stdinIsTTY);
    if (settings.password === undefined) return 1;
  }

  let tls: TlsConfig | undefined;
  if (settings.tls) {
    try {
      tls = prepareTls(settings.tls);
    } catch (e) {
      if (e instanceof TlsConfigError) { warn(`Could not negotiate a TLS connection: ${e.message}`); return 1; }
      throw e;
    }
    if (tls.insecure) warn('Warning: --insecure: the server certificate and hostname are NOT verified.');
  }
  const session = newSession(settings, tls);
  const interactive = opts.command.length === 0 && opts.eval === undefined && !opts.pipe;

  if (interactive) {
    await session.ensureConnected();
    const batch = { print: printSettings(settings), showPushes: settings.showPushes, pipeline: !settings.cluster, window: 4096 };
    return runBatch(session, process.stdin, batch, io);
  }
  if (!(await session.ensureConnected())) return 1;
  if (opts.pipe) return runPipe(session.conn!, process.stdin, opts.pipeTimeoutSec, io);
  let command: Buffer[];
  try {
    command = commandArgv(opts.command, opts.quotedInput);
    command = opts.eval !== undefined ? evalArgv(opts.eval, command) : withStdinArgument(command, opts.stdinLast, opts.stdinTag, readAllStdin);
  } catch (e) {
    if (!(e instanceof ArgvError)) throw e;
    if (e.stream === 'stdout') out.write(`${e.message}\n`);
    else warn(e.message);
    return 1;
  }
  const oneShot = { print: printSettings(settings), showPushes: settings.showPushes, repeat: opts.repeat, intervalMs: opts.intervalMs, exitOnError: opts.exitOnError };
  return runOneShot(session, command, oneShot, io);
}

function printSettings(s: Settings) {
  return { mode: s.mode, bulkDelimiter: s.bulkDelimiter, replyDelimiter: s.replyDelimiter };
}

function newSession(s: Settings, tls: TlsConfig | undefined): Session {
  return new Session({
    target: { host: s.host, port: s.port, socket: s.socket, tls },
    timeoutMs: s.timeoutMs,
    user: s.user,
    password: s.password,
    db: s.db,
    hello3: s.hello3,
    cluster: s.cluster,
    warn,
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    out.flush();
    process.exit(code);
  },
  (e: unknown) => {
    // Unexpected failures still end with one line and no stack trace (EREDIS_DEBUG=1 shows it).
    warn(`eredis: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.EREDIS_DEBUG) console.error(e);
    out.flush();
    process.exit(1);
  },
);
