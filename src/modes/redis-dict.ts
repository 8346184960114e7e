// A redis dict's iteration order, simulated (dict.c of 7.0 and 7.4, redis's SipHash-1-2 under the all-zero key redis-cli
// never changes): redis-cli prints its type tables and --cluster reports in that order.

const M = (1n << 64n) - 1n;
const rotl = (x: bigint, b: bigint): bigint => ((x << b) | (x >> (64n - b))) & M;

/** redis src/siphash.c `siphash(in, len, k)` with k = 16 zero bytes, as a 64-bit unsigned BigInt. */
export function siphash(data: Buffer): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const n = data.length;
  const end = n - (n % 8);
  for (let i = 0; i < end; i += 8) {
    const m = data.readBigUInt64LE(i);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let b = (BigInt(n) << 56n) & M;
  for (let j = 0; j < n - end; j++) b |= BigInt(data[end + j]!) << BigInt(8 * j);
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & M;
}

/** 7.0: bigkeys, memkeys, hotkeys, --cluster (dict.c of 7.0); 7.4: keystats (dict.c of 7.4, per-bucket rehash on lookups). */
export type DictGeneration = '7.0' | '7.4';

const hashes = new Map<string, bigint>();
function hashOf(name: string): bigint {
  let h = hashes.get(name);
  if (h === undefined) hashes.set(name, (h = siphash(Buffer.from(name, 'latin1'))));
  return h;
}
const indexIn = (name: string, table: string[][]): number => Number(hashOf(name) & BigInt(table.length - 1));

/**
 * The order redis-cli's `dictGetIterator` walks a dict after the same adds and lookups: table 0's buckets (each chain
 * head first), then table 1 while a rehash is under way. Only the names are kept; what they map to lives elsewhere.
 */
export class RedisDict {
  private t: [string[][] | undefined, string[][] | undefined] = [undefined, undefined];
  private used = [0, 0];
  private rehashIdx = -1;
  private readonly names = new Set<string>();

  constructor(private readonly generation: DictGeneration, initial: readonly string[] = ['string', 'list', 'set', 'hash', 'zset', 'stream']) {
    for (const name of initial) this.add(name);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /** dictFind: only its incremental-rehash side effect matters. */
  find(name: string): void {
    if (this.used[0]! + this.used[1]! === 0) return;
    this.stepFor(name);
  }

  /** dictAdd (dictReplace of 7.0 for a name already there: its rehash and expand steps, nothing added). */
  add(name: string): void {
    const known = this.names.has(name);
    this.names.add(name);
    if (this.generation === '7.0') {
      if (this.rehashing) this.rehash(1);
    } else {
      this.stepFor(name);
    }
    if (!this.rehashing) {
      const size0 = this.t[0]?.length ?? 0;
      if (size0 === 0) this.expand(4);
      else if (this.used[0]! >= size0) this.expand(this.used[0]! + 1);
    }
    if (known) return;
    const ti = this.rehashing ? 1 : 0;
    const table = this.t[ti]!;
    table[indexIn(name, table)]!.unshift(name);
    this.used[ti]!++;
  }

  /** The iteration order now. */
  order(): string[] {
    const out: string[] = [];
    for (const bucket of this.t[0] ?? []) out.push(...bucket);
    if (this.rehashing) for (const bucket of this.t[1]!) out.push(...bucket);
    return out;
  }

  private get rehashing(): boolean {
    return this.rehashIdx !== -1;
  }

  /** The rehash work a lookup does: 7.0 one step; 7.4 the looked-up bucket when it still holds entries, else one step. */
  private stepFor(name: string): void {
    if (!this.rehashing) return;
    if (this.generation === '7.4') {
      const idx = indexIn(name, this.t[0]!);
      if (idx >= this.rehashIdx && this.t[0]![idx]!.length > 0) {
        this.moveBucket(idx);
        this.completeIfDone();
        return;
      }
    }
    this.rehash(1);
  }

  private expand(size: number): void {
    if (this.rehashing || this.used[0]! > size) return;
    let exp = 2;
    while (2 ** exp < size) exp++;
    const current = this.t[0]?.length ?? 0;
    if (2 ** exp === current || (this.generation === '7.4' && current >= size)) return;
    const table = Array.from({ length: 2 ** exp }, () => [] as string[]);
    if (this.t[0] === undefined || (this.generation === '7.4' && this.used[0] === 0)) {
      this.t[0] = table;
      this.used[0] = 0;
      return;
    }
    this.t[1] = table;
    this.used[1] = 0;
    this.rehashIdx = 0;
  }

  private rehash(n: number): void {
    let emptyVisits = n * 10;
    if (!this.rehashing) return;
    while (n-- > 0 && this.used[0] !== 0) {
      while (this.t[0]![this.rehashIdx]!.length === 0) {
        this.rehashIdx++;
        if (--emptyVisits === 0) return;
      }
      this.moveBucket(this.rehashIdx);
      this.rehashIdx++;
    }
    this.completeIfDone();
  }

  /** Moves one bucket of table 0, walking its chain from the head, each entry onto the head of its new bucket. */
  private moveBucket(idx: number): void {
    const [from, to] = [this.t[0]!, this.t[1]!];
    for (const name of from[idx]!) {
      to[indexIn(name, to)]!.unshift(name);
      this.used[0]!--;
      this.used[1]!++;
    }
    from[idx] = [];
  }

  private completeIfDone(): void {
    if (this.used[0] !== 0) return;
    this.t = [this.t[1], undefined];
    this.used = [this.used[1]!, 0];
    this.rehashIdx = -1;
  }
}

/** The order a 7.0 dict iterates `keys` after adding them in order (a key given twice is added once). */
export function dictIterationOrder(keys: readonly string[]): string[] {
  const dict = new RedisDict('7.0', []);
  for (const key of keys) dict.add(key);
  return dict.order();
}
