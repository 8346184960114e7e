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
  /**
   * `link` is given up with `why`: its node stopped answering (`down`), or it answers elsewhere while this connection
   * stays mute (a connection lost on the way, say a NAT that forgot it).
   */
  giveUp(link: Link, why: ConnectionLostError, down: boolean): void;
}

/** Probes a connection's node may pass while that connection stays mute before the connection itself is given up. */
const MUTE_PROBES = 3;

/** How often connections are looked at while commands are awaited. */
const TICK_MS = 10;
/** Quiet this long with commands awaited: new commands wait (at least; longer on a link slow to open). */
const SUSPECT_MS = 30;

export class Watchdog {
  private timer: NodeJS.Timeout | undefined;

  private readonly replyMs: number;

  /** `replyMs`: the reply timeout (0: off; anything shorter than a second is a second, so probes never storm). */
  constructor(private readonly host: WatchdogHost, replyMs: number) {
    this.replyMs = replyMs > 0 ? Math.max(replyMs, 1000) : 0;
  }

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
      if (link.inFlight === 0) continue;
      awaited = true; // looked at again next time, even when left alone now
      // A reply that may take as long as it likes (BLPOP k 0), or one we stopped reading (the pager is behind):
      // silence is no sign of trouble.
      if (link.waitsOnPurpose || link.conn.paused) {
        w.seen = -1;
        continue;
      }
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
    const w = link.watch;
    w.probing = true;
    const alive = await this.host.probe(link, Math.min(this.replyMs, 5000)).catch(() => false);
    // Whatever the socket holds already is read first (eredis itself may have been held up meanwhile).
    await new Promise((resolve) => setImmediate(resolve));
    w.probing = false;
    if (link.closed) return;
    const quiet = `no reply for ${this.replyMs / 1000}s`;
    if (link.progress !== w.seen) {
      w.mutes = 0;
    } else if (!alive) {
      this.host.giveUp(link, new ConnectionLostError(`${link.address} stopped answering: ${quiet}, nor to a PING on a new connection`), true);
    } else if (++w.mutes >= MUTE_PROBES) {
      this.host.giveUp(link, new ConnectionLostError(`${link.address}: ${quiet} ${MUTE_PROBES} times while it answers on a new connection: this connection was lost`), false);
    } else {
      w.quietSince = performance.now(); // only slow: another full timeout before the next probe
    }
  }
}
