// Redis Cluster key slots (CRC16 with hash tags) and the one slot map a session routes by: read from CLUSTER SLOTS,
// patched by each MOVED, read again once per burst of them.
import type { Reply } from '../resp/types.js';

const TABLE = (() => {
  const t = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let b = 0; b < 8; b++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    t[i] = crc;
  }
  return t;
})();

function crc16(buf: Buffer, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ buf[i]) & 0xff];
  return crc;
}

/** The slot of a key: only the part inside the first non-empty {...} counts, as the server computes it. */
export function keySlot(key: Buffer, start = 0, end = key.length): number {
  const open = key.indexOf(0x7b, start);
  if (open >= 0 && open < end) {
    const close = key.indexOf(0x7d, open + 1);
    if (close > open + 1 && close < end) return crc16(key, open + 1, close) & 16383;
  }
  return crc16(key, start, end) & 16383;
}

export interface SlotOwner {
  start: number;
  end: number;
  host: string;
  port: number;
  id: string;
}

/** CLUSTER SLOTS -> who owns which slots (the master of each range); [] for anything unexpected. */
export function parseClusterSlots(reply: Reply): SlotOwner[] {
  if (reply.type !== 'array') return [];
  const owners: SlotOwner[] = [];
  for (const range of reply.items) {
    if (range.type !== 'array' || range.items.length < 3) continue;
    const [start, end, master] = range.items;
    if (start.type !== 'integer' || end.type !== 'integer' || master.type !== 'array' || master.items.length < 3) continue;
    const [host, port, id] = master.items;
    if (host.type !== 'bulk' || port.type !== 'integer' || id.type !== 'bulk') continue;
    owners.push({ start: Number(start.value), end: Number(end.value), host: host.value.toString('utf8'), port: Number(port.value), id: id.value.toString('latin1') });
  }
  return owners;
}

export const SLOT_COUNT = 16384;

/** Which master serves each slot; a MOVED moves one slot at once, CLUSTER SLOTS replaces the whole map. */
export class SlotMap {
  private owners: SlotOwner[] = [];
  /** slot -> index in `owners` (-1: nobody known). */
  private readonly index = new Int32Array(SLOT_COUNT).fill(-1);

  get known(): boolean {
    return this.owners.length > 0;
  }

  /** The masters in slot order. */
  get masters(): readonly SlotOwner[] {
    return this.owners;
  }

  ownerOf(slot: number): SlotOwner | undefined {
    const i = this.index[slot]!;
    return i < 0 ? undefined : this.owners[i];
  }

  /** Takes a CLUSTER SLOTS reply: undefined when it held no map, else whether the map changed. */
  load(reply: Reply): boolean | undefined {
    const owners = parseClusterSlots(reply);
    if (owners.length === 0) return undefined;
    const changed = JSON.stringify(owners) !== JSON.stringify(this.owners);
    this.owners = owners;
    this.index.fill(-1);
    owners.forEach((o, i) => this.index.fill(i, o.start, o.end + 1));
    return changed;
  }

  /** A MOVED said who serves `slot` now (its id is not known until the map is read again). */
  moved(slot: number, host: string, port: number): void {
    let i = this.owners.findIndex((o) => o.host === host && o.port === port);
    if (i < 0) i = this.owners.push({ start: slot, end: slot, host, port, id: '' }) - 1;
    this.index[slot] = i;
  }
}
