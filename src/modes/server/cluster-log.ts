// redis-cli's clusterManagerLog: stdout, coloured by level when TERM names an xterm (the reset follows the newline).
import type { ModeIO } from '../../output/fd-output.js';

const COLORS = { info: '29;1m', warn: '33;1m', err: '31;1m', ok: '32;1m' } as const;

export class ClusterLog {
  constructor(private readonly io: ModeIO, private readonly colors: boolean) {}

  private log(level: keyof typeof COLORS, text: string): void {
    this.io.out.write(this.colors ? `\x1b[${COLORS[level]}${text}\x1b[0m` : text);
  }

  info(text: string): void { this.log('info', text); }
  warn(text: string): void { this.log('warn', text); }
  err(text: string): void { this.log('err', text); }
  ok(text: string): void { this.log('ok', text); }

  /** CLUSTER_MANAGER_PRINT_REPLY_ERROR. */
  replyError(node: { ip: string; port: number }, err: string): void {
    this.err(`Node ${node.ip}:${node.port} replied with error:\n${err}\n`);
  }

  /** Plain stdout text (printf). */
  print(text: string): void {
    this.io.out.write(text);
  }

  /** One line on stderr (connection failures). */
  warnLine(line: string): void {
    this.io.warn(line);
  }
}

/** isColorTerm(): TERM contains "xterm" (not a tty check). */
export function isColorTerm(term: string | undefined): boolean {
  return (term ?? '').includes('xterm');
}
