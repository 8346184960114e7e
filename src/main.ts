// Composition root: argv -> options -> settings -> target -> credentials -> session -> mode. The only place that reads process state or exits.
import { isatty } from 'node:tty';
import { parseArgs, PASSWORD_WARNING, UsageError, type CliOptions } from './cli/args.js';
import { renderHelp } from './cli/help.js';
import { UriError } from './cli/redis-uri.js';
import { resolveSettings } from './settings/settings.js';
import { prepareTls, TlsConfigError, type TlsConfig } from './net/tls.js';
import { ConnectError } from './net/connection.js';
import { Session } from './session/session.js';
import { fdOutput, errorLine } from './output/fd-output.js';
import { askPassword, readLineFromStdin } from './ui/ask-password.js';
import { runOneShot, type ModeIO } from './modes/one-shot.js';
import { runBatch } from './modes/batch.js';
import { runPipe } from './modes/pipe.js';
import { runSubcommand } from './modes/subcommands.js';
import { ArgvError, commandArgv, evalArgv, readAllStdin, withStdinArgument } from './modes/stdin-args.js';
import { planConnection, resolveElastiCache, type ConnectionPlan } from './endpoint/connection-plan.js';
import { lookupVia, ViaError } from './settings/via.js';
import { chooseCache, ChooseCacheError } from './ui/choose-cache.js';
import { VERSION } from './version.js';
import { configPath, loadConfig, type TargetConfig } from './settings/config-file.js';
import type { ResolvedCredentials } from './auth/credentials.js';

const out = fdOutput(1, () => process.exit(0));
const err = fdOutput(2, () => undefined);
const warn = (line: string) => errorLine(err, out, line);
const io: ModeIO = { out, warn };
const env = process.env;
// The AWS SDK would print a multi-line Node 20 deprecation notice on every API call.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Errors whose message is already the one line to print. */
function isWorded(e: unknown): e is Error {
  // AWS, credential and keychain errors are written as finished lines starting with "eredis: ".
  return e instanceof UsageError || e instanceof UriError || e instanceof ViaError || e instanceof ChooseCacheError
    || (e instanceof Error && e.message.startsWith('eredis: '));
}

async function main(argv: string[]): Promise<number> {
  // isatty() rather than process.stdin.isTTY: touching process.stdin builds a stream a one-shot command never reads.
  const terminal = { stdinIsTTY: isatty(0), stdoutIsTTY: isatty(1) };
  const sub = await runSubcommand(argv, { out, warn, env, terminal, readStdinLine: readLineFromStdin });
  if (sub !== undefined) return sub;

  const opts: CliOptions = parseArgs(argv);
  if (opts.help) { out.write(renderHelp()); return 0; }
  if (opts.version) { out.write(`eredis ${VERSION}\n`); return 0; }
  if (opts.password !== undefined) {
    if (!opts.noAuthWarning) warn(PASSWORD_WARNING);
    // Better than redis-cli: hide the secret from `ps` as soon as possible.
    process.title = redactedTitle(argv);
  }

  const settings = resolveSettings(opts, env, terminal);
  if (opts.askpass) {
    const typed = await askPassword('Please input password: ', terminal.stdinIsTTY);
    if (typed === undefined) return 1;
    settings.password = typed;
  }
  if (opts.group === '') opts.group = await chooseCache(opts, env, terminal.stdinIsTTY);
  // Config file < env < flags: a section named after the group (or host:port) fills in what the flags left out.
  const config = loadConfig(configPath(env), warn);
  if (opts.group !== undefined) applyConfig(opts, config.forTarget(opts.group));
  const cache = opts.group !== undefined ? await resolveElastiCache(opts.group, opts, env) : undefined;
  const plan = planConnection(opts, settings, cache);
  if (opts.group === undefined) applyConfig(opts, config.forTarget(plan.credentialTarget));
  settings.user ??= opts.user;
  const trace = opts.verbose ? (line: string) => warn(`eredis: ${line}`) : undefined;
  if (cache) trace?.(`${cache.kind} ${cache.name} in ${cache.region}: ${cache.host}:${cache.port}, ${cache.tls ? 'TLS' : 'no TLS'}, cluster mode ${cache.cluster ? 'on' : 'off'}${cache.authRequired ? ', AUTH required' : ''}`);

  let tls: TlsConfig | undefined;
  if (plan.tls) {
    try {
      tls = prepareTls(settings.tls);
    } catch (e) {
      if (e instanceof TlsConfigError) { warn(`Could not negotiate a TLS connection: ${e.message}`); return 1; }
      throw e;
    }
    if (tls.insecure) warn('Warning: --insecure: the server certificate and hostname are NOT verified.');
  }
  // The chain (keychain, Secrets Manager, IAM, prompt) runs up front only when it is known to be needed;
  // otherwise only if the server answers NOAUTH, so plain connections never pay for the keychain.
  const chainInput = (authRequired: boolean) => ({
    user: settings.user, target: plan.credentialTarget, secretId: opts.secretId, region: opts.region ?? cache?.region, profile: opts.profile,
    iam: opts.iam ? { cacheName: cache?.name ?? opts.group, serverless: cache?.kind === 'serverless', region: cache?.region } : undefined,
    env, authRequired, isTTY: terminal.stdinIsTTY,
  });
  let creds: ResolvedCredentials = { user: settings.user, password: settings.password ?? (env.REDISCLI_AUTH || undefined), source: 'flag', notes: [] };
  if (settings.password === undefined && (plan.authRequired || opts.secretId !== undefined || opts.iam || settings.user !== undefined)) {
    const { resolveCredentials } = await import('./auth/credentials.js');
    creds = await resolveCredentials({ ...chainInput(plan.authRequired), flagPassword: undefined });
    for (const note of creds.notes) warn(note);
    if (creds.cancelled) return 1;
  }
  if (creds.password !== undefined) trace?.(`password from ${creds.source === 'flag' ? (settings.password === undefined ? 'REDISCLI_AUTH' : 'the command line') : creds.source}`);
  const onNoAuth = creds.password === undefined && !creds.iam ? async () => {
    const { resolveCredentials } = await import('./auth/credentials.js');
    const found = await resolveCredentials(chainInput(true));
    for (const note of found.notes) warn(note);
    creds = found;
    return found;
  } : undefined;

  const session = new Session({
    target: { host: plan.host, port: plan.port, socket: plan.socket, tls, via: plan.via },
    timeoutMs: settings.timeoutMs,
    user: creds.user,
    password: creds.password,
    iam: creds.iam,
    db: settings.db,
    hello3: settings.hello3,
    cluster: plan.cluster,
    warn,
    viaFor: (host, port) => lookupVia(plan.viaMap, host, port),
    reresolve: failoverResolver(opts, plan, tls),
    onNoAuth,
    trace,
  });
  const print = { mode: settings.mode, bulkDelimiter: settings.bulkDelimiter, replyDelimiter: settings.replyDelimiter };
  const noCommand = opts.command.length === 0 && opts.eval === undefined && !opts.pipe;

  // redis-cli announces redirects whenever it reads commands itself (the REPL, and stdin batches), not in one-shot mode.
  if (noCommand) session.opts.onRedirect = (slot, host, port) => { out.write(`-> Redirected to slot [${slot}] located at ${host}:${port}\n`); };
  if (noCommand && terminal.stdinIsTTY) {
    const [{ runRepl }, { History, historyPath }, { replIO }] = await Promise.all([import('./repl/repl.js'), import('./repl/history-file.js'), import('./repl/repl-io.js')]);
    const history = new History(historyPath(env), warn);
    const confirm = opts.confirm || (cache !== undefined && opts.node === undefined && !opts.replica);
    const code = await runRepl(session, history, { print, showPushes: settings.showPushes, timing: !opts.noTiming, readOnly: opts.readOnly, confirm, version: VERSION, displayHost: plan.host, dumbTerminal: ['dumb', 'cons25', 'emacs'].includes(env.TERM ?? '') }, replIO(out, warn));
    if (creds.offerSave) { const saved = await creds.offerSave(); if (saved) warn(saved); }
    return code;
  }
  if (noCommand) {
    await session.ensureConnected();
    return runBatch(session, process.stdin, { print, showPushes: settings.showPushes, pipeline: true, cluster: plan.cluster, window: 4096 }, io);
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
  const code = await runOneShot(session, command, { print, showPushes: settings.showPushes, repeat: opts.repeat, intervalMs: opts.intervalMs, exitOnError: opts.exitOnError }, io);
  if (creds.offerSave && code === 0) { const saved = await creds.offerSave(); if (saved) warn(saved); }
  return code;
}

/** Fills options the command line did not set from the target's config section. */
function applyConfig(opts: CliOptions, c: TargetConfig): void {
  opts.secretId ??= c['secret-id'];
  opts.user ??= c.user;
  opts.region ??= c.region;
  opts.profile ??= c.profile;
  if (c.iam !== undefined && /^(1|true|yes|on)$/i.test(c.iam)) opts.iam = true;
}

/** The command line with -a/--pass values and URI passwords masked, for the process title. */
function redactedTitle(argv: string[]): string {
  const words = argv.map((word, i) => {
    const prev = argv[i - 1];
    if (prev === '-a' || prev === '--pass') return '***';
    if (prev === '-u') return word.replace(/^(rediss?:\/\/)([^@/]*)@/i, (_m, scheme: string, info: string) => `${scheme}${info.includes(':') ? `${info.split(':')[0]}:***` : '***'}@`);
    return word;
  });
  return ['eredis', ...words].join(' ');
}

/** For -g primaries: ask the API again (bypassing the cache) where the primary is, after a failover. */
function failoverResolver(opts: CliOptions, plan: ConnectionPlan, tls: TlsConfig | undefined) {
  if (!plan.cache || opts.replica || opts.node !== undefined || plan.cluster || plan.via) return undefined;
  return async () => {
    const fresh = await resolveElastiCache(plan.cache!.name, opts, env, true);
    return { host: fresh.host, port: fresh.port, tls };
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    out.flush();
    process.exit(code);
  },
  (e: unknown) => {
    // Every failure ends with one line and no stack trace (EREDIS_DEBUG=1 shows it).
    if (isWorded(e)) warn(e.message);
    else if (e instanceof ConnectError) warn(`Could not connect to Redis: ${e.message}`);
    else warn(`eredis: ${e instanceof Error ? e.message : String(e)}`);
    if (env.EREDIS_DEBUG) console.error(e);
    out.flush();
    process.exit(1);
  },
);
