// What every output mode's writer is: reply events in, formatted bytes out into a ByteSink, one top-level reply at a time.
import type { ReplyEvents } from '../resp/types.js';

export interface ReplyWriter extends ReplyEvents {
  /** Before a top-level reply's events. */
  begin(): void;
  /** After them: the reply's own trailing bytes (its newline, or the -D delimiter). */
  end(): void;
}

/** The element counters a flattening writer keeps per open aggregate. */
export class Frames {
  private readonly seen: number[] = [];
  private readonly map: boolean[] = [];
  private emptyOpen = false;

  get depth(): number {
    return this.seen.length;
  }

  /** A value starts; returns its index in the innermost aggregate (keys and values both count in a map), or -1. */
  next(): number {
    const d = this.seen.length - 1;
    return d < 0 ? -1 : this.seen[d]!++;
  }

  /** Whether the innermost aggregate is a map. */
  inMap(): boolean {
    return this.map[this.map.length - 1] ?? false;
  }

  open(isMap: boolean, count: number): void {
    if (count === 0) {
      this.emptyOpen = true;
      return;
    }
    this.seen.push(0);
    this.map.push(isMap);
  }

  /** Closes the innermost aggregate; false for an empty one (it never opened a frame). */
  close(): boolean {
    if (this.emptyOpen) {
      this.emptyOpen = false;
      return false;
    }
    this.seen.pop();
    this.map.pop();
    return true;
  }
}
