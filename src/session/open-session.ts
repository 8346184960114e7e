// Builds the session every mode sends through, from the earlier stages' values: settings, endpoint, TLS, credentials.
import type { SessionCredentials } from '../auth/session-credentials.js';
import type { ConnectionPlan } from '../endpoint/connection-plan.js';
import type { TlsConfig } from '../net/tls.js';
import type { Settings } from '../settings/settings.js';
import { lookupVia } from '../settings/via.js';
import type { HostPort } from '../util/host-port.js';
import { Session } from './session.js';

export interface SessionHooks {
  warn(line: string): void;
  /** --verbose: one line per connection step. */
  trace?(line: string): void;
  /** Failover: where the primary is now (endpoint/failoverResolver). */
  reresolve?: () => Promise<HostPort>;
  /** Announces a cluster redirect before following it (the REPL and stdin batches). */
  onRedirect?(slot: number, host: string, port: number): void;
}

export function openSession(s: Settings, plan: ConnectionPlan, tls: TlsConfig | undefined, creds: SessionCredentials, hooks: SessionHooks): Session {
  const reresolve = hooks.reresolve;
  return new Session({
    target: { host: plan.host, port: plan.port, socket: plan.socket, tls, via: s.via },
    timeoutMs: s.timeoutMs,
    credentials: { user: creds.first.user, password: creds.first.password, iam: creds.first.iam },
    db: s.db,
    hello3: s.hello3,
    cluster: plan.cluster,
    warn: hooks.warn,
    trace: hooks.trace,
    viaFor: (host, port) => lookupVia(s.viaMap, host, port),
    reresolve,
    onNoAuth: creds.onNoAuth,
    onRedirect: hooks.onRedirect,
    replyTimeoutMs: s.replyTimeoutMs,
  });
}
