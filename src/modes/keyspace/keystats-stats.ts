// What redis-cli 7.4's --keystats accumulates: memory and length per type, the top N key sizes, a key size
// histogram and the key name length distribution. Fixed memory apart from the --top list the user asks for.
import { repr } from '../../format/index.js';
import { cString } from '../../format/repr.js';
import { HdrHistogram } from './hdr-histogram.js';
import { TypeTable } from './type-table.js';

export interface TopEntry {
  size: number;
  /** The type name cut to 9 characters (C's char[10]). */
  type: string;
  /** The key quoted (sdscatrepr). */
  key: string;
  node?: string;
}

/** Key name length buckets (upper bounds); longer names fall into the last, unbounded one. */
export const LENGTH_BOUNDS = [1 << 5, 1 << 8, 1 << 16, 1 << 20, 16 << 20, 128 << 20, 512 << 20];

export class LengthDistribution {
  readonly counts = new Array<number>(LENGTH_BOUNDS.length + 1).fill(0);
  totalCount = 0;
  totalSize = 0;
  maxSize = 0;

  /** addSizeDist */
  add(size: number): void {
    this.totalCount++;
    this.totalSize += size;
    if (size > this.maxSize) this.maxSize = size;
    let j = 0;
    while (j < LENGTH_BOUNDS.length && size > LENGTH_BOUNDS[j]!) j++;
    this.counts[j]!++;
  }
}

export class KeyStats {
  /** Sizes from MEMORY USAGE, and lengths from STRLEN/LLEN/..., each in its own dict as redis-cli keeps them. */
  readonly memory = new TypeTable('7.4');
  readonly length = new TypeTable('7.4');
  readonly top: TopEntry[] = [];
  readonly sizes = new HdrHistogram();
  readonly names = new LengthDistribution();
  sampled = 0;
  totalSize = 0;

  /** How many top sizes are kept (--top; 0 keeps none, as in redis-cli). */
  readonly topLimit: number;

  constructor(top: bigint, private readonly warn: (line: string) => void) {
    this.topLimit = Number(top);
    this.topLabel = top.toString();
  }

  /** --top as given, for the section header. */
  readonly topLabel: string;

  /** One key whose TYPE (both lookups) was not "none". */
  add(key: Buffer, type: string, memory: number, length: number, node?: string): void {
    const memInfo = this.memory.lookup(type);
    const lenInfo = this.length.lookup(type);
    if (!memInfo || !lenInfo) return;
    this.totalSize += memory;
    this.sampled++;
    this.updateTop(key, memory, memInfo.name, node);
    const raw = () => cString(key).toString('latin1');
    this.memory.record(memInfo, memory, raw, node);
    this.length.record(lenInfo, length, raw, node);
    if (!this.sizes.record(memory)) this.warn(`Value ${memory} not added in the hdr histogram.`);
    this.names.add(key.length);
  }

  /** updateTopSizes: sorted by size, a new key goes after the keys of the same size; trimmed to --top. */
  private updateTop(key: Buffer, size: number, type: string, node?: string): void {
    const limit = this.topLimit;
    const top = this.top;
    if (limit !== 0 && top.length === limit && size <= top[top.length - 1]!.size) return;
    let at = 0;
    while (at < top.length && size <= top[at]!.size) at++;
    top.splice(at, 0, { size, type: type.slice(0, 9), key: repr(key), node });
    if (top.length === limit + 1) top.pop();
  }
}
