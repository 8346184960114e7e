// Opening a link as redis-cli's cliConnect does: the socket (TLS verified), then AUTH, SELECT and HELLO 3 written
// together and read in order, each failure one line on stderr (redis-cli's words) and not fatal, unless strict.
import type { IamRefresher } from '../auth/iam.js';
import { Connection, type ConnectTarget } from '../net/connection.js';
import { ConnectError, ConnectionLostError } from '../util/connection-errors.js';
import type { Reply } from '../resp/types.js';
import { Collected } from './collect.js';
import { Link, type LinkHost } from './link.js';
import { AS_IS, HANDSHAKE } from './submission.js';

/** Who the session authenticates as: a password (secret: sent in AUTH, never logged) or an IAM token per connect. */
export interface Credentials {
  user?: string;
  password?: string;
  iam?: IamRefresher;
}

export interface OpenOptions {
  timeoutMs: number;
  credentials: Credentials;
  /** The db to select (0: none). */
  db: number;
  resp3: boolean;
  /** redis-cli's diagnostic modes stop at a failed AUTH or SELECT (the REPL goes on). */
  strict: boolean;
}

const TLS_TRACE = { full: ' verifying', ca: ' verifying the CA, not the name', none: ' NOT verified' } as const;

function describe(address: string, t: ConnectTarget): string {
  const tls = t.tls ? `, TLS${TLS_TRACE[t.tls.verify]}${t.tls.verify === 'full' ? ` ${t.servername ?? t.host}` : ''}` : ', no TLS';
  return `connecting to ${address}${t.via ? ` through ${t.via.host}:${t.via.port}` : ''}${tls}`;
}

/** The link and whether its handshake failed (AUTH or SELECT refused). Throws ConnectError (already worded). */
export async function openLink(
  address: string, target: ConnectTarget, o: OpenOptions, host: LinkHost,
): Promise<{ link: Link; failed: boolean }> {
  host.trace?.(describe(address, target));
  const started = performance.now();
  const conn = await Connection.open(target, o.timeoutMs);
  host.trace?.('connected');
  const link = new Link(conn, address, target, host, o.credentials.iam);
  link.openMs = performance.now() - started;
  let timer: NodeJS.Timeout | undefined;
  // A server that takes the connection and then says nothing (a stopped process) must not hold the session forever.
  const silent = new Promise<never>((_, reject) => {
    if (o.timeoutMs <= 0) return;
    const why = `no reply to the connection handshake within ${o.timeoutMs / 1000}s`;
    timer = setTimeout(() => reject(new ConnectError(why)), o.timeoutMs);
  });
  try {
    return { link, failed: await Promise.race([handshake(link, o, host), silent]) };
  } catch (err) {
    conn.close();
    if (err instanceof ConnectError || err instanceof ConnectionLostError) throw err;
    throw new ConnectError((err as Error).message); // an IAM token that could not be signed, say
  } finally {
    clearTimeout(timer);
  }
}

/** AUTH, SELECT and HELLO 3 as needed, written together; true when AUTH or SELECT was refused. */
async function handshake(link: Link, o: OpenOptions, host: LinkHost): Promise<boolean> {
  const { iam, user } = o.credentials;
  const password = iam ? await iam.freshToken() : o.credentials.password;
  const steps: Array<{ argv: string[]; failure: string; then?(ok: boolean, reply: Reply): void }> = [];
  if (password !== undefined) {
    const argv = iam ? ['AUTH', iam.user, password] : user !== undefined ? ['AUTH', user, password] : ['AUTH', password];
    host.trace?.(`AUTH${argv.length === 3 ? ` as ${argv[1]}` : ''}${iam ? ' with a fresh IAM token' : ''}`);
    steps.push({ argv, failure: 'AUTH', then: (ok) => { if (ok && iam) link.authedAt = iam.stamp(); } });
  }
  if (o.db !== 0) {
    steps.push({ argv: ['SELECT', String(o.db)], failure: `SELECT ${o.db}`, then: (ok) => { if (ok) link.state.db = o.db; } });
  }
  if (o.resp3) steps.push({ argv: ['HELLO', '3'], failure: 'HELLO 3', then: () => { link.state.resp3 = true; } });
  const sent = steps.map((step) => {
    const c = new Collected(step.argv, AS_IS | HANDSHAKE);
    link.enqueue(c);
    return c;
  });
  link.flush();
  let failed = false;
  for (const [i, step] of steps.entries()) {
    const reply = await sent[i]!.reply; // a lost connection rejects: the caller reports it like a failed connect
    if (failed && o.strict) continue;
    const ok = reply.type !== 'error';
    if (!ok) host.warn(`${step.failure} failed: ${reply.value.toString('latin1')}`);
    step.then?.(ok, reply);
    if (!ok && step.failure !== 'HELLO 3') failed = true;
  }
  return failed;
}

/** AUTH on an open link, in its turn (a password found after NOAUTH, or a fresh IAM token); a refusal is one line. */
export async function authenticate(link: Link, c: Credentials, host: LinkHost): Promise<void> {
  const password = c.iam ? await c.iam.freshToken() : c.password;
  if (password === undefined) return;
  const argv = c.iam ? ['AUTH', c.iam.user, password] : c.user !== undefined ? ['AUTH', c.user, password] : ['AUTH', password];
  host.trace?.(`AUTH${argv.length === 3 ? ` as ${argv[1]}` : ''}${c.iam ? ' with a fresh IAM token' : ''}`);
  const auth = new Collected(argv, AS_IS | HANDSHAKE);
  link.enqueue(auth);
  const reply = await auth.reply;
  if (reply.type === 'error') host.warn(`AUTH failed: ${reply.value.toString('latin1')}`);
  else if (c.iam) link.authedAt = c.iam.stamp();
}
