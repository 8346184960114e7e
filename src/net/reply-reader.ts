// Who reads a reply off a connection: chosen when its first byte arrives, it streams the values (EVENTS), takes the
// raw bytes (CAPTURE) or lets them pass (SKIP). Plus the reader that turns a captured reply into a typed Reply.
import { decodeReply } from '../resp/reply-collector.js';
import { CAPTURE, type ScanMode } from '../resp/scanner.js';
import type { Reply, ReplyEvents } from '../resp/types.js';

/** The connection went away or broke while replies were pending: printed as "Error: <message>". */
export class ConnectionLostError extends Error {
  constructor(message: string, readonly protocol = false) { super(message); }
}

export interface ReplyReader {
  /** The reply's type byte arrived: how to read it; for EVENTS, `events` receives its values. */
  start(type: number): ScanMode;
  readonly events?: ReplyEvents;
  /** The reply is complete; `raw` holds its bytes when it was captured. */
  done(raw: Buffer | undefined): void;
  /** The connection broke before the reply was complete. */
  fail(err: ConnectionLostError): void;
}

export { decodeReply };

/** Reads one reply as a typed Reply into a promise: for commands whose answer the program itself looks at. */
export class TypedReader implements ReplyReader {
  constructor(private readonly resolve: (reply: Reply) => void, private readonly reject: (err: Error) => void) {}

  start(): ScanMode {
    return CAPTURE;
  }

  done(raw: Buffer | undefined): void {
    this.resolve(decodeReply(raw!));
  }

  fail(err: ConnectionLostError): void {
    this.reject(err);
  }
}
