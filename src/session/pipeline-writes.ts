// The write side of the command pipeline: each command's reader registered on its connection, and the commands queued
// since the last flush written as one piece per connection (a view of the encode buffer when they sit side by side).
import type { Connection } from '../net/connection.js';
import { runsOf, type Entry } from './pipeline-entry.js';
import { PipelineReader, type ReaderHost } from './pipeline-reader.js';

export class PipelineWrites {
  private readonly readers = new WeakMap<Connection, PipelineReader>();
  /** Commands queued since the last flush, per connection (the lists are reused, never shrunk). */
  private readonly unsent = new Map<Connection, { entries: Entry[]; n: number }>();

  constructor(private readonly host: ReaderHost) {}

  /** `e` will be answered on `conn`: its reader takes the reply in turn. */
  expect(conn: Connection, e: Entry): void {
    e.conn = conn;
    let reader = this.readers.get(conn);
    if (!reader) this.readers.set(conn, (reader = new PipelineReader(this.host)));
    reader.waiting.push(e);
    conn.expect(reader);
  }

  /** `e`'s bytes go out at the next flush. */
  later(conn: Connection, e: Entry): void {
    let unsent = this.unsent.get(conn);
    if (!unsent) this.unsent.set(conn, (unsent = { entries: [], n: 0 }));
    unsent.entries[unsent.n++] = e;
  }

  /** The entry queued last for `conn`. */
  lastFor(conn: Connection): Entry {
    const unsent = this.unsent.get(conn)!;
    return unsent.entries[unsent.n - 1]!;
  }

  flush(): void {
    for (const [conn, unsent] of this.unsent) {
      if (unsent.n === 0) continue;
      for (const run of runsOf(unsent.entries, unsent.n)) conn.write(run);
      unsent.entries.fill(undefined as unknown as Entry, 0, unsent.n);
      unsent.n = 0;
      if (conn.closed) this.unsent.delete(conn);
    }
  }

  /** Forgets what was not written yet (the lines were abandoned). */
  clear(): void {
    this.unsent.clear();
  }
}
