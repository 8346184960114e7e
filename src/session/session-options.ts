// What a session is made of: the endpoint and its tunnel, credentials, db and protocol, and the hooks the earlier
// stages give it (stderr, trace, redirect announcements, the password lookup, the failover lookup).
import type { ConnectTarget } from '../net/connection.js';
import type { HostPort } from '../util/host-port.js';
import type { Credentials } from './link-open.js';
import type { SessionPrefs } from './state-tracking.js';

export interface SessionOptions {
  /** The endpoint: host, port or unix socket, TLS, --sni, --via. */
  target: ConnectTarget;
  timeoutMs: number;
  credentials: Credentials;
  db: number;
  /** 'explicit' (-3): HELLO 3 on connect; 'implicit' (--json): the same, but a failure is only reported. */
  hello3: 'off' | 'explicit' | 'implicit';
  cluster: boolean;
  /** One line to stderr (without the newline). */
  warn(line: string): void;
  /** --verbose: one line per connection step (never a secret). */
  trace?(line: string): void;
  /** Announces a redirect followed for a command whose sink does not (interactive modes); undefined: silent. */
  onRedirect?(slot: number, host: string, port: number): void;
  /** --via-map: the port forward for another node. */
  viaFor(host: string, port: number): HostPort | undefined;
  /** NOAUTH from a server we sent no password to: find one (keychain, prompt...). Asked once. */
  onNoAuth?(): Promise<{ user?: string; password?: string } | undefined>;
  /** Failover: where the primary is now (the API asked again), after a READONLY reply or a failed connect. */
  reresolve?(): Promise<HostPort>;
  /** --reply-timeout: a node silent this long (and to a probe) counts as gone; 0 or absent: never. */
  replyTimeoutMs?: number;
}

/** What the prompt shows and the modes read: the current node's state and the session's preferences. */
export interface SessionState extends SessionPrefs {
  db: number;
  inMulti: boolean;
  resp3: boolean;
}
