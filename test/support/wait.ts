// Readiness probes for tests: poll until a condition holds (with a telling timeout), raw PING, INFO parsing.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import tls from 'node:tls';

export interface WaitOptions {
  /** Give up after this long (default 15 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  intervalMs?: number;
  /** What we were waiting for, used in the timeout error. */
  what?: string;
}

/**
 * Calls `check` until it returns a value other than undefined/false/null, then returns that value.
 * Exceptions thrown by `check` count as "not yet"; the last one is quoted if the deadline passes.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  opts: WaitOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const intervalMs = opts.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as T;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${opts.what ?? 'condition'}${why}`);
    }
    await sleep(intervalMs);
  }
}

/** Parses the `field:value` lines of an INFO reply into a plain object. */
export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

export interface PingOptions {
  port: number;
  host?: string;
  tls?: boolean;
  timeoutMs?: number;
}

/**
 * Connects, sends PING and resolves with the first reply line. A server that answers +PONG, or refuses
 * with -NOAUTH (requirepass set), is up; anything else (refused, -LOADING, a TLS failure) rejects.
 */
export function pingServer(opts: PingOptions): Promise<string> {
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const sock = opts.tls
      ? tls.connect({ host, port: opts.port, rejectUnauthorized: false })
      : net.connect({ host, port: opts.port });
    let buf = '';
    let settled = false;
    const finish = (err: Error | undefined, line?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(line!);
    };
    const timer = setTimeout(() => finish(new Error(`PING ${host}:${opts.port}: timeout`)), opts.timeoutMs ?? 1000);
    sock.once(opts.tls ? 'secureConnect' : 'connect', () => sock.write('PING\r\n'));
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      const end = buf.indexOf('\r\n');
      if (end < 0) return;
      const line = buf.slice(0, end);
      if (line === '+PONG' || line.startsWith('-NOAUTH')) finish(undefined, line);
      else finish(new Error(`PING ${host}:${opts.port}: ${line}`));
    });
    sock.once('error', (e) => finish(e));
    sock.once('close', () => finish(new Error(`PING ${host}:${opts.port}: connection closed`)));
  });
}
