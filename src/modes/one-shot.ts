// One-shot mode: `eredis [options] CMD [ARG...]` (and --eval), with -r/-i repeats, -e exit codes, and MONITOR/SUBSCRIBE
// streams. The reply streams to stdout through the command pipeline as it arrives.
import { CommandFlags } from '../commands/command-flags.js';
import { repeatsAfterRefusal, streamKind } from '../commands/stream-commands.js';
import type { ModeIO } from '../output/fd-output.js';
import { ReplyPrinter } from '../output/reply-printer.js';
import { CommandPipeline } from '../session/command-pipeline.js';
import type { Session } from '../session/session.js';
import type { Settings } from '../settings/settings.js';
import { followStream, streamFailure } from './reply-stream.js';
import { ArgvError, commandArgv, evalArgv, readAllStdin, withStdinArgument } from './stdin-args.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The command from the command line (or --eval), with -x/-X stdin and --quoted-input applied, run as one-shot. */
export async function runCommandLine(session: Session, s: Settings, io: ModeIO): Promise<number> {
  let argv: Buffer[];
  try {
    argv = commandArgv(s.command, s.quotedInput);
    argv = s.eval !== undefined ? evalArgv(s.eval, argv) : withStdinArgument(argv, s.stdinLast, s.stdinTag, readAllStdin);
  } catch (e) {
    if (!(e instanceof ArgvError)) throw e;
    if (e.stream === 'stdout') io.out.write(`${e.message}\n`);
    else io.warn(e.message);
    return 1;
  }
  return runOneShot(session, argv, s, io);
}

/** Runs argv `repeat` times (forever when negative); returns the exit code. */
async function runOneShot(session: Session, argv: Buffer[], s: Settings, io: ModeIO): Promise<number> {
  // -e: an error reply goes to stderr instead, and ends the run with 1.
  let errorReply: Buffer | undefined;
  const errorReplyTo = s.exitOnError ? (reply: Buffer) => { errorReply = reply; } : undefined;
  const printer = new ReplyPrinter(io.out, s.print, { warn: io.warn, errorReply: errorReplyTo });
  let stream = streamKind(argv);
  const pipeline = new CommandPipeline(session, printer);
  if (s.showPushes) session.onPush = (reply) => { printer.push(reply, pipeline.backlog > 0); io.out.flush(); };
  const flags = new CommandFlags().of(argv);
  for (let left = s.repeat; left < 0 || left-- > 0;) {
    if (stream) {
      const end = await followStream(session, argv, printer, io, s.failoverWaitMs);
      const failed = streamFailure(end);
      if (failed) {
        io.warn(failed);
        return 1;
      }
      if (errorReply) break;
      // Only an error reply ends a stream early.
      if (end.kind !== 'error-reply' || !repeatsAfterRefusal(stream)) return 0;
      stream = undefined;
      continue;
    }
    pipeline.commandArgv(argv, flags);
    pipeline.flush();
    await pipeline.drained();
    io.out.flush();
    if (errorReply) break;
    // A lost connection was reported (SHUTDOWN's is not: the server went away as asked).
    if (printer.failed) return 1;
    if (!session.connected) return 0;
    if (s.intervalMs > 0) await sleep(s.intervalMs);
  }
  if (errorReply) {
    io.warn(errorReply.toString('latin1'));
    return 1;
  }
  return 0;
}
