// Opening one socket (plain, TLS or unix) with redis-cli's timeouts and error words, ready for RESP traffic.
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ConnectError } from '../util/connection-errors.js';
import type { TlsConfig } from './tls.js';
import { describeConnectError } from './net-errors.js';

export interface ConnectTarget {
  host: string;
  port: number;
  /** Unix socket path: takes precedence over host/port. */
  socket?: string;
  tls?: TlsConfig;
  /** Name the TLS certificate must carry when it differs from host. */
  servername?: string;
  /** Where the socket really connects (a local port forward); TLS still verifies `host`. */
  via?: { host: string; port: number };
}

/** An open socket whose incoming bytes are read into one reused buffer (no allocation per read). */
export interface OpenSocket {
  socket: net.Socket;
  /**
   * Sets who gets each chunk read. The chunk is a view of the reused buffer: valid only until the handler returns,
   * so anything kept must be copied.
   */
  onData(handler: (chunk: Buffer) => void): void;
}

const READ_BUFFER = 64 * 1024;

/**
 * Opens the socket and completes the TLS handshake (verified unless insecure). The TCP connect may take up to
 * timeoutMs; the handshake gets handshakeMs more, so a TLS client pointed at a plain port fails fast, not never.
 */
export function openSocket(target: ConnectTarget, timeoutMs: number, handshakeMs = Math.min(timeoutMs, 5000)): Promise<OpenSocket> {
  return new Promise((resolve, reject) => {
    const place = target.socket ? { path: target.socket } : target.via ? { host: target.via.host, port: target.via.port } : { host: target.host, port: target.port };
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    let deliver: (chunk: Buffer) => void = () => undefined;
    const onread = { buffer, callback: (n: number) => { deliver(buffer.subarray(0, n)); return true; } };
    const where = { ...place, onread };
    // tls.connect takes `onread` like net.connect does; its option type just does not say so.
    const socket: net.Socket = target.tls
      ? tls.connect({ ...where, ...target.tls.forHost(target.host, target.servername) } as tls.ConnectionOptions)
      : net.connect(where as net.NetConnectOpts);
    let timer = setTimeout(() => fail(new ConnectError('Connection timed out')), timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err instanceof ConnectError ? err : new ConnectError(describeConnectError(err, target)));
    };
    const closedEarly = () => fail(Object.assign(new Error('Server closed the connection'), { code: 'ECONNRESET' }));
    socket.once('error', fail);
    socket.once('close', closedEarly);
    if (target.tls) {
      socket.once('connect', () => {
        clearTimeout(timer);
        const seconds = (handshakeMs / 1000).toFixed(handshakeMs % 1000 ? 1 : 0);
        const message = `SSL_connect failed: no TLS handshake reply within ${seconds}s (is TLS enabled on that port? try without --tls)`;
        timer = setTimeout(() => fail(new ConnectError(message)), handshakeMs);
      });
    }
    socket.once(target.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      // Only our own: Node's TLS socket frees its OpenSSL state from a 'close' listener of its own.
      socket.removeListener('close', closedEarly);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 15_000);
      resolve({ socket, onData: (handler) => { deliver = handler; } });
    });
  });
}
