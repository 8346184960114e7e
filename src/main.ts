// Composition root: argv -> flags -> settings -> endpoint -> credentials -> TLS -> session -> mode.
// The only place that reads process.argv/process.env or exits.
import { isatty } from 'node:tty';
import { parseArgs, PASSWORD_WARNING, type CliOptions } from './cli/args.js';
import { renderHelp } from './cli/help.js';
import { redactedTitle } from './cli/redacted-title.js';
import { configPath, loadConfig, type ConfigFile } from './settings/config-file.js';
import { resolveSettings, type Settings, type Terminal } from './settings/settings.js';
import { failoverResolver, groupAccess, planConnection, resolveElastiCache } from './endpoint/connection-plan.js';
import { passwordSourceWords, sessionCredentials } from './auth/session-credentials.js';
import { prepareTls } from './net/tls.js';
import { openSession } from './session/open-session.js';
import { errorLine, fdOutput } from './output/fd-output.js';
import { confirmYes, promptSecret, readLineFromStdin } from './ui/prompts.js';
import { describeFailure } from './failure-words.js';
import { chunksOf, readInto } from './util/fd-reader.js';
import { steppedClock } from './util/stepped-clock.js';
import { VERSION } from './version.js';

const env = process.env;
// The AWS SDK would print a multi-line Node 20 deprecation notice on every API call.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const out = fdOutput(1, () => process.exit(0));
const err = fdOutput(2, () => undefined);
const warn = (line: string) => errorLine(err, out, line);
const io = { out, warn };

async function main(argv: string[]): Promise<number> {
  // isatty() rather than process.stdin.isTTY: touching process.stdin builds a stream a one-shot command never reads.
  const terminal: Terminal = { stdinIsTTY: isatty(0), stdoutIsTTY: isatty(1) };
  const flags = parseFlags(argv);
  if (flags.help || flags.version) return out.write(flags.help ? renderHelp() : `eredis ${VERSION}\n`), 0;
  const config = loadConfig(configPath(env), warn);
  let settings = resolveSettings(flags, env, terminal, config);
  if (settings.subcommand) return runSubcommand(settings, terminal);
  if (settings.group === '') settings = await chooseGroup(flags, terminal, config, settings);
  if (settings.askpass) {
    settings.password = terminal.stdinIsTTY ? await promptSecret('Please input password') : readLineFromStdin();
    if (settings.password === undefined) return 1;
  }

  const trace = settings.verbose ? (line: string) => warn(`eredis: ${line}`) : undefined;
  const cache = settings.group !== undefined ? await resolveElastiCache(settings, env) : undefined;
  if (cache) trace?.(`${cache.kind} ${cache.name} in ${cache.region}: ${cache.host}:${cache.port}, ${cache.tls ? 'TLS' : 'no TLS'}, `
    + `cluster mode ${cache.cluster ? 'on' : 'off'}${cache.authRequired ? ', AUTH required' : ''}`);
  const plan = planConnection(settings, cache);
  const tls = plan.tls ? prepareTls(settings.tls) : undefined;
  if (tls?.verify === 'none') warn('Warning: --insecure: the server certificate and hostname are NOT verified.');
  if (tls?.verify === 'ca') warn('Warning: --tls-verify ca: the server certificate is verified, its hostname is NOT.');
  const creds = await sessionCredentials({
    settings, plan, env, isTTY: terminal.stdinIsTTY, prompt: promptSecret, confirm: confirmYes, warn,
    clock: steppedClock(Number(env.EREDIS_TEST_CLOCK_STEP_MS) || 0),
  });
  if (creds.first.cancelled) return 1;
  if (creds.first.password !== undefined) trace?.(`password from ${passwordSourceWords(creds.first)}`);
  const interactive = settings.command.length === 0 && settings.eval === undefined && !settings.pipe && !settings.keyspace
    && !settings.serverMode;
  const session = openSession(settings, plan, tls, creds, {
    warn, trace, reresolve: failoverResolver(settings, plan, env),
    // redis-cli announces redirects whenever it reads commands itself (the REPL, stdin batches), not in one-shot mode.
    onRedirect: interactive ? (slot, host, port) => out.write(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`) : undefined,
  });
  let code: number;
  if (settings.keyspace && !settings.pipe) {
    const { runKeyspace } = await import('./modes/keyspace/keyspace-mode.js');
    const stderrIsTTY = isatty(2);
    code = await runKeyspace(session, settings, plan, io, {
      stderr: err, stderrIsTTY, stdoutIsTTY: isatty(1), columns: (stderrIsTTY && process.stderr.columns) || 80, signals: process,
    });
  } else if (settings.serverMode) {
    const { runServerMode } = await import('./modes/server/run-server-mode.js');
    code = await runServerMode(settings.serverMode, {
      session, settings, io, cluster: plan.cluster, host: plan.host, members: cache?.cluster ? undefined : cache?.members,
      runLdb: async (...a) => (await import('./repl/ldb-session.js')).runLdb(...a),
    });
  } else if (interactive && terminal.stdinIsTTY) {
    const { runShell } = await import('./repl/repl.js');
    // An ElastiCache primary asks before dangerous commands; so does --confirm anywhere.
    const confirm = settings.confirm || (cache !== undefined && settings.role === 'primary');
    const cacheGroup = groupAccess(settings, plan, env); // :nodes and :connect
    code = await runShell(session, { ...settings, confirm, displayHost: plan.host, cacheGroup }, io);
  } else if (interactive) {
    const { runStdinBatch } = await import('./modes/batch.js');
    code = await runStdinBatch(session, settings, plan.cluster, chunksOf(0), io);
  } else if (!(await session.ensureConnected())) {
    code = 1;
  } else if (settings.pipe) {
    const { runPipe } = await import('./modes/pipe.js');
    code = await runPipe(session, (buf) => readInto(0, buf), settings.pipeTimeoutSec, io);
  } else {
    const { runCommandLine } = await import('./modes/one-shot.js');
    code = await runCommandLine(session, settings, io);
  }
  const saved = code === 0 ? await creds.first.offerSave?.() : undefined;
  if (saved) warn(saved);
  return code;
}

/** argv -> flags; a password on the command line is warned about and hidden from `ps` at once. */
function parseFlags(argv: string[]): CliOptions {
  const flags = parseArgs(argv);
  for (const line of flags.warnings ?? []) warn(line);
  if (flags.password !== undefined) {
    if (!flags.noAuthWarning) warn(PASSWORD_WARNING);
    process.title = redactedTitle(argv);
  }
  return flags;
}

/** `eredis -g` with no name: pick a cache on the terminal, then merge the settings again for its config section. */
async function chooseGroup(flags: CliOptions, terminal: Terminal, config: ConfigFile, s: Settings): Promise<Settings> {
  const { chooseCache } = await import('./ui/choose-cache.js');
  const group = await chooseCache(s.aws, env, terminal.stdinIsTTY);
  return resolveSettings({ ...flags, group }, env, terminal, config);
}

async function runSubcommand(s: Settings, terminal: Terminal): Promise<number> {
  const { name, args } = s.subcommand!;
  const listing = await import('./modes/cache-listing.js');
  switch (name) {
    case 'auth': {
      const { runAuthCommand } = await import('./modes/auth-command.js');
      const authIO = { out: (t: string) => out.write(t), err: warn, stdinIsTTY: terminal.stdinIsTTY, readStdinLine: readLineFromStdin };
      return runAuthCommand(args, authIO);
    }
    case 'completion': return listing.printCompletion(args, io);
    case 'groups': return listing.listGroups(s, env, io, terminal.stdoutIsTTY);
    case 'describe': return listing.describeGroup(s, env, io, terminal.stdoutIsTTY);
    case '__complete': return listing.completeWords(args, s, env, io);
  }
}

/** Every failure ends with one line and no stack trace (EREDIS_DEBUG=1 shows it); exit 1. */
function fail(e: unknown, line = describeFailure(e)): never {
  warn(line);
  if (env.EREDIS_DEBUG) console.error(e);
  out.flush();
  process.exit(1);
}

// The last resort: nothing should ever get here (the tests check that no run prints this line).
const internal = (e: unknown) => fail(e, `eredis: internal error: ${e instanceof Error ? e.message : String(e)}`);
process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);
main(process.argv.slice(2)).then((code) => {
  out.flush();
  process.exit(code);
}, fail);
