// The order redis-cli's dict (SipHash-1-2, zero seed, incremental rehashing) iterates keys in: for byte-exact lists.

const MASK = (1n << 64n) - 1n;
const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & MASK;

/** redis's siphash() (1 compression round, 2 finalisation rounds) with the all-zero seed redis-cli never changes. */
export function siphash(bytes: Buffer): bigint {
  let v0 = 0x736f6d6570736575n;
  let v1 = 0x646f72616e646f6dn;
  let v2 = 0x6c7967656e657261n;
  let v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & MASK; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & MASK; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const whole = bytes.length - (bytes.length % 8);
  for (let i = 0; i < whole; i += 8) {
    const m = bytes.readBigUInt64LE(i);
    v3 ^= m;
    round();
    v0 ^= m;
  }
  let b = (BigInt(bytes.length) << 56n) & MASK;
  for (let i = bytes.length - 1; i >= whole; i--) b |= BigInt(bytes[i]!) << BigInt(8 * (i - whole));
  v3 ^= b;
  round();
  v0 ^= b;
  v2 ^= 0xffn;
  round();
  round();
  return (v0 ^ v1 ^ v2 ^ v3) & MASK;
}

interface Table { buckets: string[][]; used: number }

/**
 * Adds `keys` in order with dictReplace semantics (a key already there is not added again) to a fresh dict of
 * redis's 7.0 dict.c, then returns them in the order dictNext visits them: table 0 then (while rehashing) table 1,
 * each bucket from the newest entry.
 */
export function dictIterationOrder(keys: readonly string[]): string[] {
  const hash = new Map<string, bigint>();
  const h = (k: string) => hash.get(k) ?? hash.set(k, siphash(Buffer.from(k, 'latin1'))).get(k)!;
  const tables: [Table | undefined, Table | undefined] = [undefined, undefined];
  let rehashIdx = -1;
  const newTable = (size: number): Table => ({ buckets: Array.from({ length: size }, () => []), used: 0 });
  const expand = (size: number) => {
    let exp = 2;
    while (2 ** exp < size) exp++;
    if (tables[0] && tables[0].buckets.length === 2 ** exp) return;
    if (!tables[0]) tables[0] = newTable(2 ** exp);
    else { tables[1] = newTable(2 ** exp); rehashIdx = 0; }
  };
  const rehashStep = () => {
    const [t0, t1] = tables as [Table, Table];
    let emptyVisits = 10;
    if (t0.used !== 0) {
      while (t0.buckets[rehashIdx]!.length === 0) {
        rehashIdx++;
        if (--emptyVisits === 0) return;
      }
      // The chain head first; each moved entry goes to the head of its new bucket.
      for (const key of t0.buckets[rehashIdx]!) {
        t1.buckets[Number(h(key) & BigInt(t1.buckets.length - 1))]!.unshift(key);
        t0.used--;
        t1.used++;
      }
      t0.buckets[rehashIdx] = [];
      rehashIdx++;
    }
    if (t0.used === 0) { tables[0] = t1; tables[1] = undefined; rehashIdx = -1; }
  };
  for (const key of keys) {
    if (rehashIdx >= 0) rehashStep();
    if (rehashIdx < 0) {
      if (!tables[0]) expand(4);
      else if (tables[0].used >= tables[0].buckets.length) expand(tables[0].used + 1);
    }
    const t = tables.filter((x): x is Table => x !== undefined);
    if (t.some((x) => x.buckets[Number(h(key) & BigInt(x.buckets.length - 1))]!.includes(key))) continue;
    const target = rehashIdx >= 0 ? tables[1]! : tables[0]!;
    target.buckets[Number(h(key) & BigInt(target.buckets.length - 1))]!.unshift(key);
    target.used++;
  }
  return tables.flatMap((t) => (t ? t.buckets.flat() : []));
}
