// Notices a node that stops answering while its connection stays open (an availability-zone or network failure: the
// TCP connection just goes quiet, and keepalive never fires). A connection with commands awaited and nothing heard
// for a moment gets no new ones (they wait, unwritten); after the reply timeout the node is probed on a connection
// of its own, and if it does not answer a PING there either, the connection is given up like a closed one.
import { ConnectionLostError } from '../util/connection-errors.js';
import type { Link } from './link.js';

export interface WatchdogHost {
  /** Every open link of the session. */
  links(): Link[];
  /** Whether the node behind `link` answers a PING on a new connection within `ms`. */
  probe(link: Link, ms: number): Promise<boolean>;
  /** The node behind `link` stopped answering: the link is given up with `why`. */
  silent(link: Link, why: ConnectionLostError): void;
}

/** How often connections are looked at while commands are awaited. */
const TICK_MS = 10;
/** Quiet this long with commands awaited: new commands wait (at least; longer on a link slow to open). */
const SUSPECT_MS = 30;

export class Watchdog {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly host: WatchdogHost, private readonly replyMs: number) {}

  /** Commands are awaited: starts looking, until none are (the timer never keeps the process alive). */
  wake(): void {
    if (this.timer || this.replyMs <= 0) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    let awaited = false;
    for (const link of this.host.links()) {
      const w = link.watch;
      // Nothing awaited, a reply that may take as long as it likes (BLPOP k 0), or one we stopped reading (the pager
      // is behind): silence is no sign of trouble.
      if (link.inFlight === 0 || link.waitsOnPurpose || link.conn.paused) {
        w.seen = -1;
        continue;
      }
      awaited = true;
      const progress = link.progress;
      if (progress !== w.seen) {
        w.seen = progress;
        w.quietSince = now;
        continue;
      }
      const quiet = now - w.quietSince;
      if (quiet >= Math.max(SUSPECT_MS, link.openMs)) link.suspected = true;
      if (quiet >= this.replyMs && !w.probing) void this.probe(link);
    }
    if (!awaited) this.stop();
  }

  private async probe(link: Link): Promise<void> {
    link.watch.probing = true;
    const ms = Math.max(1000, Math.min(this.replyMs, 5000));
    const alive = await this.host.probe(link, ms).catch(() => false);
    link.watch.probing = false;
    if (link.closed) return;
    if (alive || link.progress !== link.watch.seen) {
      link.watch.quietSince = performance.now(); // only slow: give it another full timeout
      return;
    }
    const waited = (this.replyMs + ms) / 1000;
    this.host.silent(link, new ConnectionLostError(
      `${link.address} stopped answering: no reply in ${waited}s, nor to a PING on a new connection`));
  }
}
